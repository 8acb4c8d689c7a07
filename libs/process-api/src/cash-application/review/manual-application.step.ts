import { Injectable } from '@nestjs/common';
import {
  Decimal,
  decideManualWriteOff,
  formatAmount,
  moneyOf,
  parseCurrency,
  writeOffLimit,
} from '@o2c/domain';
import type { CashApplicationOrigin } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import {
  CashApplicationRun,
  movesOf,
  publishPaymentApplied,
} from '../application/cash-application.run';
import { CreditHoldsStep } from '../application/credit-holds.step';
import { APPLICABLE_INVOICE_STATUSES, type PlannedApplication } from '../application/planned-cash';
import type { CashActor } from '../cash-actor';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import {
  CashInputsRepository,
  cashProfileFor,
  type PaymentInHand,
} from '../ledger/cash-inputs.repository';
import { type CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { CashLedgerWriter } from '../ledger/cash-ledger.writer';
import { invoiceNumberSql } from '../ledger/invoice-status.sql';

/** One application a person asked for, with where it came from in the request. */
export interface ManualEntry {
  readonly invoiceId: string;
  readonly amount: Decimal;
  readonly discount: Decimal;
  readonly writeOff: Decimal;
  readonly rule: string;
  readonly confidence: number | null;
  readonly reasons: readonly string[];
  readonly origin: CashApplicationOrigin;
  /** The request field that named it, e.g. '/body/applications/2' or '/body/suggestionIds/0'. */
  readonly path: string;
}

export interface ManualOptions {
  readonly taskId: string | null;
  /** What becomes of cash still in review afterwards: stays in review, or goes on account. */
  readonly remainder: 'review' | 'on-account';
  readonly comment: string | null;
  /** The person's roles: a write-off beyond the customer's tolerance needs their authority. */
  readonly roles: readonly string[];
}

interface InvoiceRow {
  id: string;
  customerId: string;
  currency: string;
  status: string;
  openBalance: string;
  number: string;
}

const INVOICES = `
  SELECT i.id, i.customer_id AS "customerId", i.currency, i.status,
         i.open_balance::text AS "openBalance", ${invoiceNumberSql('i')} AS number
    FROM invoices i WHERE i.id = ANY($1::uuid[])`;

/**
 * A person's applications of one payment's cash, in the caller's transaction with the payment
 * locked: every entry checked (the payment's customer's invoice, same currency, something to
 * settle), cash taken from what is in review first and then from credit on account, written by
 * the guarded ledger writer (an invoice or the payment short of balance refuses the whole
 * request), logged and published as `payment.applied`; then the payment's task is refreshed
 * (completed once nothing waits) and cleared credit holds are released.
 */
@Injectable()
export class ManualApplicationStep {
  constructor(
    private readonly writer: CashLedgerWriter,
    private readonly run: CashApplicationRun,
    private readonly holds: CreditHoldsStep,
    private readonly inputs: CashInputsRepository,
  ) {}

  async apply(
    manager: EntityManager,
    payment: PaymentInHand,
    entries: readonly ManualEntry[],
    actor: CashActor,
    journal: CashJournal,
    options: ManualOptions,
  ): Promise<void> {
    if (payment.status === 'reversed') {
      throw cashProblem(
        CashErrorCode.PAYMENT_REVERSED,
        '/body',
        `payment ${payment.id} was reversed; its cash cannot be applied`,
      );
    }
    const customerId = payment.customerId;
    if (customerId === null && (entries.length > 0 || options.remainder === 'on-account')) {
      throw cashProblem(
        CashErrorCode.PAYER_UNIDENTIFIED,
        '/body',
        `the payer of payment ${payment.id} is not identified: name the customer first`,
      );
    }
    const invoices = await this.invoices(manager, entries);
    const planned = entries.map((entry) =>
      this.plan(payment, customerId ?? '', entry, invoices.get(entry.invoiceId), options),
    );
    await this.checkWriteOffs(manager, customerId, entries, invoices, options.roles);
    const cash = planned.reduce((sum, application) => sum.plus(application.amount), new Decimal(0));
    if (cash.greaterThan(payment.unapplied)) {
      throw cashProblem(
        CashErrorCode.PAYMENT_BALANCE_EXCEEDED,
        '/body/applications',
        `the applications take ${cash.toFixed()} but only ${payment.unapplied.toFixed()} of payment ${payment.id} is unapplied`,
        { paymentId: payment.id, unapplied: payment.unapplied.toFixed() },
      );
    }
    const inReview = payment.unapplied.minus(payment.onAccount);
    const fromOnAccount = Decimal.max(cash.minus(inReview), 0);
    const leftInReview = Decimal.max(inReview.minus(cash), 0);
    const toOnAccount = options.remainder === 'on-account' ? leftInReview : new Decimal(0);
    const moves = movesOf(planned, new Map([[payment.id, toOnAccount.minus(fromOnAccount)]]));
    const posted = moves.length === 0 ? [] : await this.writer.post(manager, planned, moves, actor);
    if (posted.length > 0) {
      publishPaymentApplied(journal, payment.id, payment.currency, posted, {
        customerId,
        comment: options.comment,
        taskId: options.taskId,
      });
    }
    if (toOnAccount.greaterThan(0)) {
      journal.record(PAYMENT_OBJECT, payment.id, 'payment.put_on_account', {
        reason: options.comment,
        data: { amount: toOnAccount.toFixed(), currency: payment.currency },
      });
    }
    // The task shows what is left (fresh suggestions), or is completed when nothing is.
    await this.run.apply(manager, [payment.id], actor, journal, { mode: 'suggest' });
    if (customerId !== null && posted.length > 0) {
      await this.holds.releaseCleared(manager, [customerId], actor);
    }
  }

  /**
   * A write-off within the customer's tolerance on the invoice's balance is what the engine
   * would write off unattended; beyond it the person needs the authority to (the delegation
   * table of dispute write-offs), else 403 naming the entry's writeOff. The entries of one
   * invoice count together.
   */
  private async checkWriteOffs(
    manager: EntityManager,
    customerId: string | null,
    entries: readonly ManualEntry[],
    invoices: ReadonlyMap<string, InvoiceRow>,
    roles: readonly string[],
  ): Promise<void> {
    const writing = entries.filter((entry) => entry.writeOff.greaterThan(0));
    if (writing.length === 0 || customerId === null) return;
    const stored = (await this.inputs.profiles(manager, [customerId])).get(customerId);
    // Per invoice, what the request writes off so far: entries naming one invoice add up, so a
    // write-off split across entries is judged whole.
    const writtenOff = new Map<string, Decimal>();
    for (const entry of writing) {
      const invoice = invoices.get(entry.invoiceId);
      if (!invoice) continue;
      const total = (writtenOff.get(invoice.id) ?? new Decimal(0)).plus(entry.writeOff);
      writtenOff.set(invoice.id, total);
      const currency = parseCurrency(invoice.currency);
      const customerLimit =
        stored === undefined
          ? new Decimal(0)
          : writeOffLimit(
              cashProfileFor(stored, currency).writeOffTolerance,
              new Decimal(invoice.openBalance),
              currency,
            );
      const decision = decideManualWriteOff({ writeOff: total, customerLimit, roles });
      if (decision.allowed) continue;
      const show = (amount: Decimal) => formatAmount(moneyOf(amount, currency));
      throw cashProblem(
        CashErrorCode.WRITE_OFF_AUTHORITY,
        `${entry.path}/writeOff`,
        `writing off ${show(total)} on invoice ${invoice.number} needs more authority: the customer's tolerance there is ${show(customerLimit)}${decision.grantedBy === null ? ' and your roles carry no write-off authority' : `, your limit ${show(decision.limit)} (${decision.grantedBy})`}`,
        { invoiceId: invoice.id, customerTolerance: customerLimit.toFixed() },
      );
    }
  }

  private async invoices(
    manager: EntityManager,
    entries: readonly ManualEntry[],
  ): Promise<Map<string, InvoiceRow>> {
    const ids = [...new Set(entries.map((entry) => entry.invoiceId))];
    if (ids.length === 0) return new Map();
    const rows = await manager.query<InvoiceRow[]>(INVOICES, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  private plan(
    payment: PaymentInHand,
    customerId: string,
    entry: ManualEntry,
    invoice: InvoiceRow | undefined,
    options: ManualOptions,
  ): PlannedApplication {
    const path = `${entry.path}/invoiceId`;
    if (!invoice) {
      throw cashProblem(
        CashErrorCode.INVOICE_NOT_FOUND,
        path,
        `invoice ${entry.invoiceId} does not exist`,
      );
    }
    if (invoice.customerId !== customerId) {
      throw cashProblem(
        CashErrorCode.INVOICE_OF_ANOTHER_CUSTOMER,
        path,
        `invoice ${invoice.number} belongs to another customer than the payment's`,
      );
    }
    if (invoice.currency !== payment.currency) {
      throw cashProblem(
        CashErrorCode.CURRENCY_MISMATCH,
        path,
        `invoice ${invoice.number} is in ${invoice.currency}, the payment in ${payment.currency}`,
      );
    }
    if (!(APPLICABLE_INVOICE_STATUSES as readonly string[]).includes(invoice.status)) {
      throw cashProblem(
        CashErrorCode.INVOICE_NOT_OPEN,
        path,
        `invoice ${invoice.number} is ${invoice.status}; cash cannot be applied to it`,
      );
    }
    const settles = entry.amount.plus(entry.discount).plus(entry.writeOff);
    if (!settles.greaterThan(0)) {
      throw cashProblem(
        CashErrorCode.NOTHING_TO_SETTLE,
        `${entry.path}/amount`,
        'an application must settle something: amount, discount or write-off above zero',
      );
    }
    const balance = new Decimal(invoice.openBalance);
    return {
      paymentId: payment.id,
      customerId,
      currency: payment.currency,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      remittanceLineId: null,
      amount: entry.amount,
      discount: entry.discount,
      writeOff: entry.writeOff,
      rule: entry.rule,
      settlement: settlementOf(settles, balance, entry),
      confidence: entry.confidence,
      reasons: entry.reasons,
      evidence: {
        openBalance: balance.toFixed(2),
        ...(options.comment === null ? {} : { comment: options.comment }),
      },
      origin: entry.origin,
      taskId: options.taskId,
    };
  }
}

function settlementOf(settles: Decimal, balance: Decimal, entry: ManualEntry): string {
  if (settles.lessThan(balance)) return 'partial-payment';
  const discount = entry.discount.greaterThan(0);
  const writeOff = entry.writeOff.greaterThan(0);
  if (discount && writeOff) return 'discount-and-write-off';
  if (discount) return 'early-payment-discount';
  if (writeOff) return 'write-off';
  return 'full';
}
