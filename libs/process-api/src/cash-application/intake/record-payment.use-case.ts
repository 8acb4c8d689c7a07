import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { accountScopeOf, canAccessCustomer, type Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { toPayerEvidence } from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { CashApplicationRun } from '../application/cash-application.run';
import type { EngineMode } from '../application/engine.pass';
import { type CashActor, cashActorOf } from '../cash-actor';
import { GuardedWriteRefused } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { PaymentBody } from '../cash.contract';
import type { PaymentInHand } from '../ledger/cash-inputs.repository';
import { CashJournal } from '../ledger/cash-journal';
import { PayerIdentificationStep } from '../payers/payer-identification.step';
import { presentPaymentCash, type PaymentCashView } from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import {
  checkNamedInvoices,
  type NamedInvoice,
  NamedInvoicesStep,
  type ReferencedInvoice,
} from './named-invoices.step';
import { PaymentIntakeRepository } from './payment-intake.repository';
import { type PaymentRequest, readPaymentRequest } from './payment-request.mapper';

/**
 * How the cash of a recorded payment is applied: automatically, once more against fresh
 * balances when a concurrent change refused the first try, and then only suggested.
 */
const APPLICATION_ATTEMPTS: readonly EngineMode[] = ['apply', 'apply', 'suggest'];

/**
 * POST /process/v1/payments: one transaction records the payment and its remittance lines,
 * identifies the payer, applies the cash (engine; what clears the threshold is written, the
 * rest goes to the queue), and writes `payment.received` / `payment.applied` to the outbox.
 * Every refusal comes before anything is written: a valid payment is always recorded, even
 * when concurrent payments took the invoices it names (it then waits in the queue).
 */
@Injectable()
export class RecordPaymentUseCase {
  private readonly logger = new Logger('RecordPayment');

  constructor(
    private readonly transactions: CashTransactions,
    private readonly identification: PayerIdentificationStep,
    private readonly intake: PaymentIntakeRepository,
    private readonly namedInvoices: NamedInvoicesStep,
    private readonly run: CashApplicationRun,
    private readonly reader: PaymentCashReader,
  ) {}

  async execute(principal: Principal, body: PaymentBody): Promise<PaymentCashView> {
    const request = readPaymentRequest(body);
    const scope = accountScopeOf(principal);
    const actor = cashActorOf(principal);
    const id = randomUUID();
    const today = new Date().toISOString().slice(0, 10);
    await this.transactions.run(async (manager) => {
      await this.checkCustomer(manager, request, scope);
      const invoices = await this.namedInvoices.byId(manager, request);
      const [identified] = await this.identification.identify(
        manager,
        [{ evidence: toPayerEvidence(request.remittance), givenCustomerId: request.customerId }],
        scope,
      );
      const customerId = identified?.customerId ?? null;
      const referenced =
        customerId === null
          ? new Map<number, ReferencedInvoice>()
          : await this.namedInvoices.byReference(manager, request, customerId);
      checkNamedInvoices(request, invoices, referenced, customerId);
      const payment = {
        id,
        remittance: withInvoiceNumbers(request, invoices),
        customerId,
        identification: identified?.identification ?? null,
        source: 'api' as const,
        sourceFileId: null,
        lineInvoiceIds: request.lineInvoiceIds,
      };
      const held = await this.intake.insert(manager, [payment], today, actor, { inHand: true });
      await this.applyCash(manager, id, actor, new Map(held.map((entry) => [entry.id, entry])));
    });
    // The sender sees what it sent, even a payment whose payer is still unknown.
    const record = await this.reader.find('all', id);
    if (!record) throw ProblemException.notFound('payment', id);
    return presentPaymentCash(record);
  }

  /**
   * Applies the recorded payment's cash, each try in a savepoint: a try a concurrent change
   * refused (another payment settled the invoice first) is undone alone, and the payment
   * stays recorded. The next try reads the balances afresh; the last one only suggests, so
   * the payment waits in the queue instead of being refused. As the file import does.
   */
  private async applyCash(
    manager: EntityManager,
    id: string,
    actor: CashActor,
    held: ReadonlyMap<string, PaymentInHand>,
  ): Promise<void> {
    for (const [attempt, mode] of APPLICATION_ATTEMPTS.entries()) {
      try {
        await this.transactions.savepoint(manager, async () => {
          // A journal per try: what a refused try recorded is not published.
          const journal = new CashJournal(actor);
          await this.run.apply(manager, [id], actor, journal, { mode, setBased: false, held });
          await journal.flush(manager);
        });
        return;
      } catch (error) {
        if (attempt === APPLICATION_ATTEMPTS.length - 1 || !refusedByConcurrentChange(error)) {
          throw error;
        }
        this.logger.warn(
          { paymentId: id, attempt: attempt + 1, reason: (error as Error).message },
          'cash application refused by a concurrent change; trying again',
        );
      }
    }
  }

  private async checkCustomer(
    manager: EntityManager,
    request: PaymentRequest,
    scope: ReturnType<typeof accountScopeOf>,
  ): Promise<void> {
    const customerId = request.customerId;
    if (customerId === null) return;
    const rows = await manager.query<{ id: string }[]>('SELECT id FROM customers WHERE id = $1', [
      customerId,
    ]);
    if (rows.length === 0 || !canAccessCustomer(scope, customerId)) {
      throw ProblemException.notFound('customer', customerId);
    }
  }
}

/** A guarded write that found less than the engine read: the balances moved meanwhile. */
function refusedByConcurrentChange(error: unknown): boolean {
  return (
    error instanceof GuardedWriteRefused ||
    (error instanceof ProblemException && error.status === 409)
  );
}

/** A line naming an invoice by id and not by number gets the invoice's printed number. */
function withInvoiceNumbers(request: PaymentRequest, invoices: Map<string, NamedInvoice>) {
  const { remittance } = request;
  return {
    ...remittance,
    lines: remittance.lines.map((line, index) => {
      const invoiceId = request.lineInvoiceIds[index];
      const invoice = invoiceId ? invoices.get(invoiceId) : undefined;
      return line.reference === null && invoice ? { ...line, reference: invoice.number } : line;
    }),
  };
}
