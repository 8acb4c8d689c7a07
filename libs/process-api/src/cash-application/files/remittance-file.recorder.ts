import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { Decimal } from '@o2c/domain';
import type { AccountScope } from '@o2c/governance';
import {
  parseRemittanceFile,
  type ParsedRemittanceFile,
  type Remittance,
  type RemittanceFileFormat,
  toPayerEvidence,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { CashTransactions } from '../cash-transactions';
import { type IntakePayment, PaymentIntakeRepository } from '../intake/payment-intake.repository';
import { PayerIdentificationStep } from '../payers/payer-identification.step';
import type { RecordedPayment } from './file-cash-application';
import { type MatchedAdvice, RemittanceFileRepository } from './remittance-file.repository';

/** Trace numbers that say nothing (camt's placeholder for a missing end-to-end id). */
const NO_TRACE = new Set(['NOTPROVIDED', 'NONREF', 'NONE']);

/** A payment recorded before (by another file or as JSON) that a remittance announces again. */
export interface RecordedBefore {
  readonly paymentId: string;
  readonly hasLines: boolean;
  readonly inReview: boolean;
}

/**
 * A recorded payment the advice (or bank credit) may be, by trace number and amount: never
 * one of the file's own ($2), which a trace repeated inside one file would otherwise match.
 */
const RECORDED_BY_TRACE = `
  SELECT p.id, p.payment_reference AS reference, p.currency, p.amount::text AS amount,
         EXISTS (SELECT 1 FROM remittance_lines l WHERE l.payment_id = p.id) AS "hasLines",
         p.unapplied > p.on_account AS "inReview"
    FROM payments p
   WHERE p.payment_reference = ANY($1::text[]) AND p.status <> 'reversed'
     AND p.source_file_id IS DISTINCT FROM $2::uuid
   ORDER BY p.created_at`;

/**
 * Records a file's payments a slice at a time, each slice in its own transaction, and hands
 * each slice on once it is committed: a large file's cash is applied while the rest of it is
 * still being recorded, instead of after. The file row (claimed with its bytes in the import's
 * first transaction) carries a lease renewed after every slice; when a recording stops
 * part-way the file is still `received` with no `recorded_at`, and the resumer finishes it
 * from the stored bytes, recording only the remittances whose position has no payment yet.
 */
@Injectable()
export class RemittanceFileRecorder {
  /** Payments per recording transaction (REMITTANCE_RECORDING_SLICE): by default two batches'
   *  worth, so the first batches are applied while the rest of the file is recorded. */
  private readonly sliceSize: number;

  constructor(
    @Inject(ENVIRONMENT) environment: Environment,
    private readonly transactions: CashTransactions,
    private readonly files: RemittanceFileRepository,
    private readonly identification: PayerIdentificationStep,
    private readonly intake: PaymentIntakeRepository,
  ) {
    this.sliceSize = environment.REMITTANCE_RECORDING_SLICE;
  }

  /**
   * The file's remittances that `pending` keeps, as payments to record: payers identified,
   * each with its position in the file, in slices of whole customers (unknown payers last).
   */
  async plan(
    manager: EntityManager,
    fileId: string,
    parsed: ParsedRemittanceFile,
    scope: AccountScope,
    pending: (position: number) => boolean,
  ): Promise<IntakePayment[][]> {
    const kept = parsed.remittances.flatMap((remittance, index) =>
      pending(index + 1) ? [{ remittance, position: index + 1 }] : [],
    );
    const identified = await this.identification.identify(
      manager,
      kept.map(({ remittance }) => ({
        evidence: toPayerEvidence(remittance),
        givenCustomerId: null,
      })),
      scope,
    );
    const payments = kept.map(({ remittance, position }, index): IntakePayment => ({
      id: randomUUID(),
      remittance,
      customerId: identified[index]?.customerId ?? null,
      identification: identified[index]?.identification ?? null,
      source: parsed.format,
      sourceFileId: fileId,
      sourcePosition: position,
    }));
    return slicesOf(payments, this.sliceSize);
  }

  /**
   * Records the slices one transaction each, yielding each slice's payments once committed,
   * then marks the file recorded. A slice is let go once recorded: the parsed file does not
   * outlive its recording. Stopping early (the consumer returns) records nothing more.
   */
  async *record(
    fileId: string,
    slices: IntakePayment[][],
    actor: CashActor,
    receivedOn: string,
  ): AsyncGenerator<RecordedPayment[]> {
    for (let index = 0; index < slices.length; index += 1) {
      const slice = slices[index] ?? [];
      slices[index] = [];
      if (slice.length === 0) continue;
      await this.transactions.run(async (manager) => {
        // The file row (audited when claimed, with its content hash) stands for its payments.
        await this.intake.insert(manager, slice, receivedOn, actor, { audited: false });
        await this.files.heartbeat(manager, fileId);
      });
      yield slice.map((payment) => ({ id: payment.id, customerId: payment.customerId }));
    }
    await this.transactions.run((manager) => this.files.markRecorded(manager, fileId));
  }

  /**
   * For each remittance, the payment already recorded for the same money (same trace number,
   * currency and amount) by anything but this file, each such payment claimed once (`claimed`:
   * payments other advices of the file were joined to already).
   */
  async recordedBefore(
    manager: EntityManager,
    fileId: string,
    remittances: readonly Remittance[],
    claimed: Iterable<string> = [],
  ): Promise<(RecordedBefore | null)[]> {
    const traces = [
      ...new Set(remittances.map(traceOf).filter((trace): trace is string => trace !== null)),
    ];
    if (traces.length === 0) return remittances.map(() => null);
    const rows = await manager.query<
      {
        id: string;
        reference: string;
        currency: string;
        amount: string;
        hasLines: boolean;
        inReview: boolean;
      }[]
    >(RECORDED_BY_TRACE, [traces, fileId]);
    const taken = new Set<string>(claimed);
    // By trace, oldest first: a large file is never compared with every payment found.
    const byTrace = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byTrace.get(row.reference);
      if (list === undefined) byTrace.set(row.reference, [row]);
      else list.push(row);
    }
    return remittances.map((remittance) => {
      const trace = traceOf(remittance);
      const row = (trace === null ? undefined : byTrace.get(trace))?.find(
        (candidate) =>
          candidate.currency === remittance.currency &&
          new Decimal(candidate.amount).equals(remittance.amount) &&
          !taken.has(candidate.id),
      );
      if (!row) return null;
      taken.add(row.id);
      return { paymentId: row.id, hasLines: row.hasLines, inReview: row.inReview };
    });
  }

  /**
   * Advices for money recorded before: an advice with lines explaining a payment that has none
   * gives it its lines, instead of posting the money twice. Answers the payments whose cash
   * waits and must be applied again with their new lines.
   */
  async joinRecordedBefore(
    manager: EntityManager,
    fileId: string,
    format: ParsedRemittanceFile['format'],
    matched: readonly { remittance: Remittance; before: RecordedBefore }[],
    receivedOn: string,
  ): Promise<string[]> {
    const reapply: string[] = [];
    for (const { remittance, before } of matched) {
      if (before.hasLines || remittance.lines.length === 0) continue;
      await this.intake.addLines(
        manager,
        {
          id: before.paymentId,
          remittance,
          customerId: null,
          identification: null,
          source: format,
          sourceFileId: fileId,
        },
        receivedOn,
      );
      if (before.inReview) reapply.push(before.paymentId);
    }
    return reapply;
  }

  /**
   * Finishes a recording that stopped: the stored bytes parsed again (they parsed when the
   * file arrived), advices for money another file recorded meanwhile joined to it, and every
   * other remittance neither recorded yet nor matched at import recorded now. A file recorded
   * whole is left as it is; so is one an earlier release imported (no bytes kept: it recorded
   * every payment in the import's one transaction).
   */
  async finish(fileId: string, actor: CashActor): Promise<void> {
    const plan = await this.transactions.run(async (manager) => {
      const file = await this.files.recording(manager, fileId);
      if (file === undefined || file.recordedAt !== null) return undefined;
      const receivedOn = file.receivedAt.toISOString().slice(0, 10);
      if (file.content === null) {
        await this.files.markRecorded(manager, fileId);
        return undefined;
      }
      const parsed = parseRemittanceFile(file.content, {
        format: file.format as RemittanceFileFormat,
      });
      const recorded = await this.files.recordedPositions(manager, fileId);
      const atImport = matchedAtImportOf(file.importReport, parsed.remittances);
      const matchedAtImport = atImport.positions;
      const pending = parsed.remittances.flatMap((remittance, index) =>
        recorded.has(index + 1) || matchedAtImport.has(index + 1)
          ? []
          : [{ remittance, position: index + 1 }],
      );
      const before = await this.recordedBefore(
        manager,
        fileId,
        pending.map((entry) => entry.remittance),
        atImport.paymentIds,
      );
      const matched = pending.flatMap((entry, index) => {
        const found = before[index];
        return found ? [{ ...entry, before: found }] : [];
      });
      await this.joinRecordedBefore(manager, fileId, parsed.format, matched, receivedOn);
      await this.files.addMatchedAdvices(manager, fileId, matched.map(matchedAdvice));
      const taken = new Set(matched.map((entry) => entry.position));
      const slices = await this.plan(
        manager,
        fileId,
        parsed,
        file.accountScope,
        (position) =>
          !recorded.has(position) && !matchedAtImport.has(position) && !taken.has(position),
      );
      return { slices, receivedOn };
    });
    if (plan === undefined) return;
    for await (const _ of this.record(fileId, plan.slices, actor, plan.receivedOn)) {
      // Recorded; the resumer applies the whole file's cash afterwards.
    }
  }
}

/** What the file row keeps of an advice matched to a payment recorded before. */
export function matchedAdvice(entry: {
  remittance: Remittance;
  position: number;
  before: RecordedBefore;
}): MatchedAdvice {
  return {
    position: entry.position,
    sourceLocation: entry.remittance.sourceLocation,
    paymentId: entry.before.paymentId,
  };
}

function traceOf(remittance: Remittance): string | null {
  const trace = remittance.paymentReference?.trim() ?? '';
  return trace.length >= 4 && !NO_TRACE.has(trace.toUpperCase()) ? trace : null;
}

/**
 * The advices matched to payments recorded before the file (never recorded) and those
 * payments (never matched to a second advice of the file). An entry without a position (kept
 * before positions were) names its advice by where it stood in the file, which only counts
 * when no other remittance of the file stood there too; otherwise its advice is pending again
 * and its payment left free for it to match.
 */
function matchedAtImportOf(
  report: Record<string, unknown>,
  remittances: readonly Remittance[],
): { positions: Set<number>; paymentIds: Set<string> } {
  const entries = Array.isArray(report.matchedExisting) ? report.matchedExisting : [];
  const positions = new Set<number>();
  const paymentIds = new Set<string>();
  for (const entry of entries as {
    position?: unknown;
    sourceLocation?: unknown;
    paymentId?: unknown;
  }[]) {
    const at =
      typeof entry?.position === 'number'
        ? [entry.position]
        : remittances.flatMap((remittance, index) =>
            remittance.sourceLocation === entry?.sourceLocation ? [index + 1] : [],
          );
    if (at.length !== 1 || at[0] === undefined) continue;
    positions.add(at[0]);
    if (typeof entry?.paymentId === 'string') paymentIds.add(entry.paymentId);
  }
  return { positions, paymentIds };
}

/**
 * Payments in slices of about `size`: a customer's payments stay together (so the batches of
 * different slices never share a customer), customers in the order the file first names them,
 * payments of unidentified payers together after them.
 */
export function slicesOf(payments: readonly IntakePayment[], size: number): IntakePayment[][] {
  const byCustomer = new Map<string, IntakePayment[]>();
  const unknown: IntakePayment[] = [];
  for (const payment of payments) {
    if (payment.customerId === null) {
      unknown.push(payment);
      continue;
    }
    const list = byCustomer.get(payment.customerId);
    if (list === undefined) byCustomer.set(payment.customerId, [payment]);
    else list.push(payment);
  }
  const slices: IntakePayment[][] = [];
  let current: IntakePayment[] = [];
  for (const group of [...byCustomer.values(), unknown]) {
    if (group.length === 0) continue;
    if (current.length > 0 && current.length + group.length > size) {
      slices.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
