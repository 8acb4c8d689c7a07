import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { subtractMoney } from '../money/money-arithmetic';
import type { Money } from '../money/money';

/**
 * An invoice's open balance: total - applied cash (including discounts taken and small
 * write-offs) - credits. Never negative: more cash or credit than the invoice total is
 * unapplied cash or a refund, handled outside the invoice.
 */
export function openBalance(total: Money, applied: Money, credited: Money): Money {
  const open = subtractMoney(subtractMoney(total, applied), credited);
  if (open.amount.isNeg()) {
    throw new DomainError(
      DomainErrorCode.INVOICE_NEGATIVE_OPEN_BALANCE,
      'Applied cash and credits exceed the invoice total',
    );
  }
  return open;
}
