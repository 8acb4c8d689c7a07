import { Injectable } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { cashActorOf } from '../cash-actor';
import { ifMatchOrIdempotencyRequired } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { ApplicationsBody } from '../cash.contract';
import { CashInputsRepository } from '../ledger/cash-inputs.repository';
import { CashJournal } from '../ledger/cash-journal';
import { presentPaymentCash, type PaymentCashView } from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import { readApplicationEntries } from './application-entries.reader';
import { lockPaymentFor } from './locked-payment';
import { ManualApplicationStep } from './manual-application.step';

/**
 * POST /process/v1/payments/{id}/applications: a person applies a payment's unapplied cash to
 * invoices of its customer, conditional on If-Match or protected by an Idempotency-Key. One
 * transaction; concurrent requests on one invoice or one payment are decided by the guarded
 * writes, the loser answering 409 with nothing written.
 */
@Injectable()
export class ApplyPaymentCashUseCase {
  constructor(
    private readonly transactions: CashTransactions,
    private readonly inputs: CashInputsRepository,
    private readonly manual: ManualApplicationStep,
    private readonly reader: PaymentCashReader,
  ) {}

  async execute(
    principal: Principal,
    paymentId: string,
    ifMatch: string | undefined,
    idempotencyKey: string | undefined,
    body: ApplicationsBody,
  ): Promise<PaymentCashView> {
    const scope = accountScopeOf(principal);
    const actor = cashActorOf(principal);
    const comment = body.comment?.trim() || null;
    await this.transactions.run(async (manager) => {
      const payment = await lockPaymentFor(manager, this.inputs, scope, paymentId, ifMatch);
      if (ifMatch === undefined && idempotencyKey === undefined) {
        throw ifMatchOrIdempotencyRequired();
      }
      const entries = readApplicationEntries(body.applications, payment.currency, comment);
      const journal = new CashJournal(actor);
      await this.manual.apply(manager, payment, entries, actor, journal, {
        taskId: null,
        remainder: 'review',
        comment,
        roles: principal.roles,
      });
      await journal.flush(manager);
    });
    const record = await this.reader.find(scope, paymentId);
    if (!record) throw ProblemException.notFound('payment', paymentId);
    return presentPaymentCash(record);
  }
}
