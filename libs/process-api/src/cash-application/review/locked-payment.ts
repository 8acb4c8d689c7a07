import { type AccountScope } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { EntityManager } from 'typeorm';
import type { CashInputsRepository, PaymentInHand } from '../ledger/cash-inputs.repository';

/** A payment of the caller's accounts (one without a customer is staff-only), or 404. */
export function visibleTo(scope: AccountScope, payment: { customerId: string | null }): boolean {
  if (scope === 'all') return true;
  return payment.customerId !== null && scope.includes(payment.customerId);
}

/**
 * Locks the payment (FOR UPDATE: every cash command on it queues here), checks the caller may
 * see it and, when `ifMatch` is given, that it is still the version the caller read.
 */
export async function lockPaymentFor(
  manager: EntityManager,
  inputs: CashInputsRepository,
  scope: AccountScope,
  paymentId: string,
  ifMatch: string | undefined,
): Promise<PaymentInHand> {
  const [payment] = await inputs.lockPayments(manager, [paymentId]);
  if (!payment || !visibleTo(scope, payment)) throw ProblemException.notFound('payment', paymentId);
  if (ifMatch !== undefined) {
    const expected = expectedVersion(ifMatch);
    if (payment.version !== expected) throw staleVersion('payment', paymentId, payment.version);
  }
  return payment;
}
