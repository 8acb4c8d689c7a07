import { Injectable } from '@nestjs/common';
import {
  type CashApplicationPolicy,
  DEFAULT_CASH_APPLICATION_POLICY,
  Decimal,
  OpenInvoiceLedger,
  referenceLookupKeys,
  referencesInText,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import { type Deduction, DeductionOpener } from '../../disputes/opening/deduction-opener.service';
import type { CashActor } from '../cash-actor';
import { CashInputsRepository, type PaymentInHand } from '../ledger/cash-inputs.repository';
import { type CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { CashLedgerWriter, type PostedApplication } from '../ledger/cash-ledger.writer';
import { CashRunSummary } from './cash-run.summary';
import { CreditHoldsStep } from './credit-holds.step';
import { decidePayments, type EngineMode, type PaymentDecision } from './engine.pass';
import type { PaymentCashMove, PlannedApplication } from './planned-cash';
import { type PaymentReview, ReviewTaskWriter } from './review-task.writer';
import { EXACT_RULE, SetBasedPasses } from './set-based.passes';

export interface RunOptions {
  /** apply (default): write what clears the threshold; suggest: only refresh the task. */
  readonly mode?: EngineMode;
  /** Run the set-based passes before the engine (worth it from a few dozen payments). */
  readonly setBased?: boolean;
  readonly policy?: CashApplicationPolicy;
  /** Payments in hand since they were recorded: taken as they are while their version holds. */
  readonly held?: ReadonlyMap<string, PaymentInHand>;
}

/** Invoice numbers of lines that name an invoice by id. */
const NAMED_INVOICES = `
  SELECT id, series || '-' || lpad(invoice_number::text, 8, '0') AS number
    FROM invoices WHERE id = ANY($1::uuid[])`;

/**
 * Cash application for a set of payments inside the caller's transaction: the payments are
 * locked (by id), the set-based passes apply the bulk, the engine decides the rest against
 * each customer's open invoices; applications, invoices and payments are written by guarded
 * statements, deductions open disputes, review tasks are opened, updated or completed, the
 * journal gets `payment.applied`, and credit holds whose condition cleared are released.
 */
@Injectable()
export class CashApplicationRun {
  constructor(
    private readonly inputs: CashInputsRepository,
    private readonly passes: SetBasedPasses,
    private readonly writer: CashLedgerWriter,
    private readonly tasks: ReviewTaskWriter,
    private readonly deductions: DeductionOpener,
    private readonly holds: CreditHoldsStep,
  ) {}

  async apply(
    manager: EntityManager,
    paymentIds: readonly string[],
    actor: CashActor,
    journal: CashJournal,
    options: RunOptions = {},
  ): Promise<CashRunSummary> {
    const started = Date.now();
    const summary = new CashRunSummary();
    const mode = options.mode ?? 'apply';
    const posted: PostedApplication[] = [];
    // Customers whose exposure the exact pass lowered (its postings carry their own events).
    const exactCustomers: string[] = [];
    let payments: PaymentInHand[];
    if (mode === 'apply' && (options.setBased ?? true)) {
      // The exact pass reads and applies in the database: only what it leaves is read here.
      const locked = await this.inputs.lock(manager, paymentIds);
      summary.payments = locked.length;
      const exact = await this.passes.applyExactReferences(manager, locked, actor, journal);
      for (const payment of exact.applied) {
        summary.applications(EXACT_RULE, payment.currency, payment.total, payment.lines);
        exactCustomers.push(payment.customerId);
      }
      const settledExactly = new Set(exact.applied.map((payment) => payment.paymentId));
      payments = await this.inputs.lockPayments(
        manager,
        locked.filter((id) => !settledExactly.has(id)),
        options.held,
      );
      const amounts = await this.passes.uniqueAmounts(manager, payments);
      posted.push(...(await this.postPlanned(manager, amounts, actor)));
      if (posted.length > 0) {
        const settled = new Set(posted.map((application) => application.paymentId));
        payments = payments.filter((payment) => !settled.has(payment.id));
      }
    } else {
      payments = await this.inputs.lockPayments(manager, paymentIds, options.held);
      summary.payments = payments.length;
    }
    const decisions = await this.decide(manager, payments, mode, options.policy);
    posted.push(...(await this.writeDecisions(manager, decisions, actor, journal, summary)));
    await this.syncTasks(manager, paymentIds, decisions, mode, actor, journal, summary);
    this.publishApplied(posted, decisions, journal, summary);
    // Applied cash and credit put on account both lower the exposure.
    await this.holds.releaseCleared(
      manager,
      [
        ...exactCustomers,
        ...posted.map((application) => application.customerId),
        ...decisions.flatMap((decision) =>
          decision.onAccount.greaterThan(0) && decision.payment.customerId !== null
            ? [decision.payment.customerId]
            : [],
        ),
      ],
      actor,
    );
    summary.elapsedMs = Date.now() - started;
    return summary;
  }

  private async postPlanned(
    manager: EntityManager,
    planned: PlannedApplication[],
    actor: CashActor,
  ): Promise<PostedApplication[]> {
    if (planned.length === 0) return [];
    return this.writer.post(manager, planned, movesOf(planned, new Map()), actor, {
      audited: false,
    });
  }

  private async decide(
    manager: EntityManager,
    payments: PaymentInHand[],
    mode: EngineMode,
    policy: CashApplicationPolicy | undefined,
  ): Promise<PaymentDecision[]> {
    const pending = payments.filter((payment) =>
      payment.unapplied.minus(payment.onAccount).greaterThan(0),
    );
    if (pending.length === 0) return [];
    const customerIds = [
      ...new Set(pending.flatMap((payment) => (payment.customerId ? [payment.customerId] : []))),
    ];
    const series = await this.inputs.letterSeries(manager);
    const named = uniqueKeys(
      pending.flatMap((payment) =>
        payment.lines.flatMap((line) =>
          line.referenceNumber === null
            ? []
            : series
                .filter(
                  (name) =>
                    name.toUpperCase() === (line.referencePrefix ?? '') || line.referenceByNumber,
                )
                .map((name) => ({ series: name, number: line.referenceNumber ?? '' })),
        ),
      ),
    );
    // One connection (the batch's transaction): the reads run one after the other.
    const invoices = await this.inputs.openInvoices(manager, customerIds, named);
    const profiles = await this.inputs.profiles(manager, customerIds);
    const invoiceNumbers = await this.namedInvoices(manager, pending);
    const ledgers = new Map(
      customerIds.map((id) => [id, OpenInvoiceLedger.fromRows(invoices.get(id) ?? [], id)]),
    );
    invoices.clear();
    const unknown = pending.filter((entry) => entry.customerId === null);
    const found = await this.inputs.candidateInvoices(
      manager,
      unknown.map((payment) => ({
        id: payment.id,
        named: namedInvoiceKeys(payment, series),
        amount: payment.unapplied.minus(payment.onAccount),
        currency: payment.currency,
      })),
    );
    const candidates = new Map(
      [...found.entries()].map(([id, rows]) => [id, OpenInvoiceLedger.fromRows(rows, null)]),
    );
    // Oldest money first: a customer's payments are decided in the order they were received.
    const ordered = [...pending].sort(
      (a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0) || 0,
    );
    return decidePayments({
      payments: ordered,
      openInvoices: ledgers,
      profiles,
      candidates,
      invoiceNumbers,
      mode,
      policy: policy ?? DEFAULT_CASH_APPLICATION_POLICY,
    });
  }

  private async namedInvoices(
    manager: EntityManager,
    payments: PaymentInHand[],
  ): Promise<Map<string, string>> {
    const ids = [
      ...new Set(
        payments.flatMap((payment) =>
          payment.lines.flatMap((line) => (line.invoiceId ? [line.invoiceId] : [])),
        ),
      ),
    ];
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; number: string }[]>(NAMED_INVOICES, [ids]);
    return new Map(rows.map((row) => [row.id, row.number]));
  }

  /** The engine's applications, credit on account and deductions. */
  private async writeDecisions(
    manager: EntityManager,
    decisions: PaymentDecision[],
    actor: CashActor,
    journal: CashJournal,
    summary: CashRunSummary,
  ): Promise<PostedApplication[]> {
    const applications = decisions.flatMap((decision) => decision.applications);
    const onAccount = new Map(
      decisions.map((decision) => [decision.payment.id, decision.onAccount] as const),
    );
    const moves = movesOf(applications, onAccount);
    const posted =
      moves.length === 0
        ? []
        : await this.writer.post(manager, applications, moves, actor, { audited: false });
    const deductions = decisions.flatMap((decision) => {
      const { payment } = decision;
      const customerId = payment.customerId;
      if (customerId === null) return [];
      return decision.deductions.map((deduction): Deduction => ({
        customerId,
        invoiceId: deduction.invoiceId,
        paymentId: payment.id,
        amount: deduction.amount.toFixed(),
        currency: payment.currency,
        category: deduction.category,
        reasonCode: deduction.reasonCode,
        evidence: {
          ...deduction.evidence,
          invoiceNumber: deduction.invoiceNumber,
          rule: deduction.rule,
          reasons: deduction.reasons,
          lineNumber: deduction.lineNumber,
          freeText: lineText(payment, deduction.lineNumber),
        },
      }));
    });
    // Every deduction of the run in a few statements; disputes numbered in decision order.
    const opened = (await this.deductions.openMany(manager, deductions)).values();
    for (const decision of decisions) {
      const { payment } = decision;
      if (decision.onAccount.greaterThan(0)) {
        summary.putOnAccount(payment.currency, decision.onAccount);
        journal.record(PAYMENT_OBJECT, payment.id, 'payment.put_on_account', {
          data: { amount: decision.onAccount.toFixed(), currency: payment.currency },
        });
      }
      for (const deduction of decision.deductions) {
        if (payment.customerId === null) continue;
        const disputeId = opened.next().value?.disputeId ?? '';
        summary.deduction(payment.currency, deduction.amount);
        journal.record(PAYMENT_OBJECT, payment.id, 'payment.deduction_opened', {
          data: {
            disputeId,
            invoiceId: deduction.invoiceId,
            amount: deduction.amount.toFixed(),
            category: deduction.category,
            reasonCode: deduction.reasonCode,
          },
          related: [
            { type: 'dispute', id: disputeId, qualifier: 'deduction' },
            { type: 'invoice', id: deduction.invoiceId, qualifier: 'short paid' },
          ],
        });
      }
    }
    return posted;
  }

  /** Every payment of the run: its task opened, updated or completed by what waits now. */
  private async syncTasks(
    manager: EntityManager,
    paymentIds: readonly string[],
    decisions: PaymentDecision[],
    mode: EngineMode,
    actor: CashActor,
    journal: CashJournal,
    summary: CashRunSummary,
  ): Promise<void> {
    const decided = new Map(decisions.map((decision) => [decision.payment.id, decision]));
    const reviews: PaymentReview[] = [];
    for (const decision of decisions) {
      const { payment, result } = decision;
      const inReview = mode === 'apply' ? result.totals.inReview : result.totals.payment;
      if (inReview.greaterThan(0)) {
        summary.waiting(payment.currency, inReview, payment.customerId === null);
      }
      reviews.push({
        paymentId: payment.id,
        customerId: payment.customerId,
        payerName: payment.payerName,
        currency: payment.currency,
        paymentAmount: payment.amount,
        inReview,
        reviews: decision.reviews,
      });
    }
    // Payments the set-based passes settled whole: a task left from before is completed.
    const settled = paymentIds.filter((id) => !decided.has(id));
    for (const paymentId of settled) {
      reviews.push({
        paymentId,
        customerId: null,
        payerName: null,
        currency: 'USD',
        paymentAmount: new Decimal(0),
        inReview: new Decimal(0),
        reviews: [],
      });
    }
    await this.tasks.sync(manager, reviews, journal, actor);
  }

  private publishApplied(
    posted: PostedApplication[],
    decisions: PaymentDecision[],
    journal: CashJournal,
    summary: CashRunSummary,
  ): void {
    const byPayment = new Map<string, PostedApplication[]>();
    for (const application of posted) {
      const list = byPayment.get(application.paymentId);
      if (list === undefined) byPayment.set(application.paymentId, [application]);
      else list.push(application);
    }
    const decided = new Map(decisions.map((decision) => [decision.payment.id, decision]));
    for (const [paymentId, applications] of byPayment) {
      const first = applications[0];
      if (first === undefined) continue;
      for (const application of applications) {
        summary.application(application.rule, application.currency, application.amount);
      }
      publishPaymentApplied(journal, paymentId, first.currency, applications, {
        customerId: first.customerId,
        onAccount: decided.get(paymentId)?.onAccount.toFixed() ?? '0',
      });
    }
  }
}

/** `payment.applied`: in the event log and through the outbox, with every application. */
export function publishPaymentApplied(
  journal: CashJournal,
  paymentId: string,
  currency: string,
  applications: readonly PostedApplication[],
  extra: Record<string, unknown>,
): void {
  const listed = applications.map((application) => ({
    applicationId: application.id,
    invoiceId: application.invoiceId,
    invoiceNumber: application.invoiceNumber,
    amount: application.amount.toFixed(),
    discount: application.discount.toFixed(),
    writeOff: application.writeOff.toFixed(),
    rule: application.rule,
    confidence: application.confidence,
    origin: application.origin,
  }));
  const data = { paymentId, currency, applications: listed, ...extra };
  journal.record(PAYMENT_OBJECT, paymentId, 'payment.applied', {
    data,
    related: applications.map((application) => ({
      type: 'invoice',
      id: application.invoiceId,
      qualifier: 'settled',
    })),
  });
  journal.publish(PAYMENT_OBJECT, paymentId, 'payment.applied', data);
}

/** One move per payment: the cash its applications take, and credit put on account. */
export function movesOf(
  applications: readonly PlannedApplication[],
  onAccount: ReadonlyMap<string, Decimal>,
): PaymentCashMove[] {
  const applied = new Map<string, Decimal>();
  for (const application of applications) {
    applied.set(
      application.paymentId,
      (applied.get(application.paymentId) ?? new Decimal(0)).plus(application.amount),
    );
  }
  const ids = new Set([...applied.keys(), ...onAccount.keys()]);
  return [...ids].map((paymentId) => ({
    paymentId,
    applied: applied.get(paymentId) ?? new Decimal(0),
    onAccountDelta: onAccount.get(paymentId) ?? new Decimal(0),
  }));
}

function lineText(payment: PaymentInHand, lineNumber: number | null): string | null {
  if (lineNumber === null) return payment.freeText.join(' ') || null;
  return payment.lines.find((line) => line.lineNumber === lineNumber)?.freeText ?? null;
}

function uniqueKeys(
  keys: readonly { series: string; number: string }[],
): { series: string; number: string }[] {
  return [...new Map(keys.map((key) => [`${key.series}|${key.number}`, key])).values()];
}

/** The (series, number) pairs an unknown payer's references may name. */
function namedInvoiceKeys(
  payment: PaymentInHand,
  series: readonly string[],
): { series: string; number: string }[] {
  const written = [
    ...payment.lines.flatMap((line) => (line.invoiceReference ? [line.invoiceReference] : [])),
    ...[...payment.freeText, ...payment.lines.map((line) => line.freeText ?? '')].flatMap((text) =>
      referencesInText(text),
    ),
  ];
  const pairs = new Map<string, { series: string; number: string }>();
  for (const text of written) {
    const keys = referenceLookupKeys(text);
    if (keys === null) continue;
    for (const name of series) {
      if (name.toUpperCase() === keys.prefix || keys.byNumber) {
        pairs.set(`${name}|${keys.number}`, { series: name, number: keys.number });
      }
    }
  }
  return [...pairs.values()];
}
