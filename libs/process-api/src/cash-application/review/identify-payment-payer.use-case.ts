import { Injectable } from '@nestjs/common';
import { Decimal, normaliseIdentifier, normalisePartyName } from '@o2c/domain';
import {
  accountScopeOf,
  AuditTrail,
  auditImage,
  canAccessCustomer,
  type Principal,
} from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { Customer } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { CashApplicationRun } from '../application/cash-application.run';
import { ReviewTaskWriter } from '../application/review-task.writer';
import { type CashActor, cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { PayerIdentificationBody } from '../cash.contract';
import { CashInputsRepository, type PaymentInHand } from '../ledger/cash-inputs.repository';
import { CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { presentPaymentCash, type PaymentCashView } from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import { lockPaymentFor } from './locked-payment';
import { queryRows } from '../ledger/query-rows';

const NAME_PAYER = `
  UPDATE payments SET customer_id = $2, identification = $3::jsonb,
                      version = version + 1, updated_at = now()
   WHERE id = $1 AND customer_id IS NULL
  RETURNING version`;

/**
 * POST /process/v1/payments/{id}/payer: a person names the customer of a payment nobody
 * identified. In one transaction the payment becomes the customer's, the payer's bank account
 * and name are remembered as the customer's aliases (when asked), the open task is completed,
 * and the cash is applied as for a new payment: what clears the threshold is written, the rest
 * returns to the queue with the customer's invoices as suggestions.
 */
@Injectable()
export class IdentifyPaymentPayerUseCase {
  constructor(
    private readonly transactions: CashTransactions,
    private readonly inputs: CashInputsRepository,
    private readonly tasks: ReviewTaskWriter,
    private readonly run: CashApplicationRun,
    private readonly reader: PaymentCashReader,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    principal: Principal,
    paymentId: string,
    ifMatch: string | undefined,
    body: PayerIdentificationBody,
  ): Promise<PaymentCashView> {
    const scope = accountScopeOf(principal);
    const actor = cashActorOf(principal);
    const comment = body.comment?.trim() || null;
    await this.transactions.run(async (manager) => {
      const payment = await lockPaymentFor(manager, this.inputs, scope, paymentId, ifMatch ?? '');
      if (payment.customerId !== null) {
        throw cashProblem(
          CashErrorCode.PAYER_ALREADY_IDENTIFIED,
          '/body/customerId',
          `payment ${paymentId} is already a payment of customer ${payment.customerId}`,
        );
      }
      const customer = await manager.findOne(Customer, { where: { id: body.customerId } });
      if (!customer || !canAccessCustomer(scope, customer.id)) {
        throw cashProblem(
          CashErrorCode.CUSTOMER_NOT_FOUND,
          '/body/customerId',
          `customer ${body.customerId} does not exist`,
        );
      }
      const identification = {
        rule: 'person',
        confidence: 1,
        reason: `Identified by ${actor.subject}${comment === null ? '' : `: ${comment}`}`,
      };
      const [named] = await queryRows<{ version: number }>(manager, NAME_PAYER, [
        paymentId,
        customer.id,
        JSON.stringify(identification),
      ]);
      await this.audit.record(manager, {
        objectType: 'payments',
        objectId: paymentId,
        before: auditImage({ id: paymentId, customerId: null, version: payment.version }),
        after: auditImage({
          id: paymentId,
          customerId: customer.id,
          identification,
          version: named?.version,
        }),
      });
      const learned =
        body.rememberAlias === false ? [] : await rememberAliases(manager, customer, payment);
      const journal = new CashJournal(actor);
      journal.record(PAYMENT_OBJECT, paymentId, 'payment.payer_identified', {
        reason: comment,
        data: {
          customerId: customer.id,
          customerNumber: customer.customerNumber,
          aliasesLearned: learned,
        },
        related: [{ type: 'customer', id: customer.id, qualifier: 'payer' }],
      });
      await this.closeUnidentifiedTask(manager, payment, actor, journal, comment);
      await this.run.apply(manager, [paymentId], actor, journal, { setBased: false });
      await journal.flush(manager);
    });
    const record = await this.reader.find(scope, paymentId);
    if (!record) throw ProblemException.notFound('payment', paymentId);
    return presentPaymentCash(record);
  }

  /** The task asked who paid; that question is answered (what remains gets a new one). */
  private closeUnidentifiedTask(
    manager: EntityManager,
    payment: PaymentInHand,
    actor: CashActor,
    journal: CashJournal,
    comment: string | null,
  ) {
    return this.tasks.sync(
      manager,
      [
        {
          paymentId: payment.id,
          customerId: null,
          payerName: payment.payerName,
          currency: payment.currency,
          paymentAmount: payment.amount,
          inReview: new Decimal(0),
          reviews: [],
        },
      ],
      journal,
      actor,
      { decision: 'payer-identified', comment },
    );
  }
}

/** The payer's accounts and name join the customer's aliases (an ORM save: audited). */
async function rememberAliases(
  manager: EntityManager,
  customer: Customer,
  payment: PaymentInHand,
): Promise<string[]> {
  const evidence = payment.payerEvidence as { accounts?: unknown; name?: unknown };
  const accounts = Array.isArray(evidence.accounts)
    ? evidence.accounts.filter((value): value is string => typeof value === 'string')
    : [];
  const name = typeof payment.payerName === 'string' ? payment.payerName : null;
  const known = new Set(customer.externalAliases.map(normaliseIdentifier));
  const knownNames = new Set(customer.externalAliases.map(normalisePartyName));
  const learned = [
    ...accounts.filter((account) => !known.has(normaliseIdentifier(account))),
    ...(name !== null &&
    normalisePartyName(name) !== normalisePartyName(customer.name) &&
    !knownNames.has(normalisePartyName(name))
      ? [name]
      : []),
  ];
  if (learned.length === 0) return [];
  customer.externalAliases = [...customer.externalAliases, ...learned].slice(0, 50);
  await manager.save(customer);
  return learned;
}
