import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import type { AccountScope } from '@o2c/governance';
import {
  parseRemittanceFile,
  type ParsedRemittanceFile,
  type RemittanceFileFormat,
  toPayerEvidence,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { CashTransactions } from '../cash-transactions';
import { type IntakePayment, PaymentIntakeRepository } from '../intake/payment-intake.repository';
import { PayerIdentificationStep } from '../payers/payer-identification.step';
import type { RecordedPayment } from './file-cash-application';
import { RemittanceFileRepository } from './remittance-file.repository';

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
      await this.transactions.run((manager) =>
        // The file row (audited when claimed, with its content hash) stands for its payments.
        this.intake.insert(manager, slice, receivedOn, actor, { audited: false }),
      );
      await this.transactions.run((manager) => this.files.heartbeat(manager, fileId));
      yield slice.map((payment) => ({ id: payment.id, customerId: payment.customerId }));
    }
    await this.transactions.run((manager) => this.files.markRecorded(manager, fileId));
  }

  /**
   * Finishes a recording that stopped: the stored bytes parsed again (they parsed when the
   * file arrived), and every remittance neither recorded yet nor matched at import to a
   * payment recorded before is recorded now. A file recorded whole is left as it is.
   */
  async finish(fileId: string, actor: CashActor): Promise<void> {
    const plan = await this.transactions.run(async (manager) => {
      const file = await this.files.recording(manager, fileId);
      if (file === undefined || file.recordedAt !== null) return undefined;
      if (file.content === null) {
        throw new Error(`remittance file ${fileId} has no stored content to finish recording`);
      }
      const parsed = parseRemittanceFile(file.content, {
        format: file.format as RemittanceFileFormat,
      });
      const recorded = await this.files.recordedPositions(manager, fileId);
      const matched = matchedLocations(file.importReport);
      const slices = await this.plan(
        manager,
        fileId,
        parsed,
        file.accountScope,
        (position) =>
          !recorded.has(position) &&
          !matched.has(parsed.remittances[position - 1]?.sourceLocation ?? ''),
      );
      return { slices, receivedOn: file.receivedAt.toISOString().slice(0, 10) };
    });
    if (plan === undefined) return;
    for await (const _ of this.record(fileId, plan.slices, actor, plan.receivedOn)) {
      // Recorded; the resumer applies the whole file's cash afterwards.
    }
  }
}

/** Advices the import matched to payments recorded before the file: never recorded again. */
function matchedLocations(report: Record<string, unknown>): Set<string> {
  const entries = Array.isArray(report.matchedExisting) ? report.matchedExisting : [];
  return new Set(
    entries.flatMap((entry: unknown) => {
      const location = (entry as { sourceLocation?: unknown } | null)?.sourceLocation;
      return typeof location === 'string' ? [location] : [];
    }),
  );
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
