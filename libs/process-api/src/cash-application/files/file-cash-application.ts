import { Injectable, Logger } from '@nestjs/common';
import { ProblemException } from '@o2c/http';
import { CashApplicationRun } from '../application/cash-application.run';
import { CashRunSummary } from '../application/cash-run.summary';
import type { CashActor } from '../cash-actor';
import { CashTransactions } from '../cash-transactions';
import { CashJournal } from '../ledger/cash-journal';
import { resolveParkedFileExceptions } from './remittance-file.parked-exception';
import { RemittanceFileRepository } from './remittance-file.repository';

/** A payment of the file, as the batches need it. */
export interface RecordedPayment {
  readonly id: string;
  readonly customerId: string | null;
}

/** Payments per batch transaction (a customer's payments never split across two). */
export const PAYMENTS_PER_BATCH = 1_500;
/**
 * Batches applied at the same time, each in its own transaction on its own connection: their
 * customers differ, so they touch disjoint invoices and payments, and one batch's database
 * round trips overlap another's engine work. Two are enough to keep the engine and the
 * database busy; more only add batches held in memory at once (and their collection cost).
 */
export const CONCURRENT_BATCHES = 2;

/**
 * A file's payments: all at hand (a resumed file), or slice by slice as they are recorded.
 * Slices never share a customer.
 */
export type PaymentFeed = readonly RecordedPayment[] | AsyncIterable<readonly RecordedPayment[]>;

/**
 * Applies a file's payments batch by batch, each batch one transaction (set-based passes,
 * then the engine), a few batches at a time, starting as soon as the first slice of the file
 * is recorded. A batch a concurrent change refused (an invoice paid meanwhile) runs again
 * payment by payment; a payment refused again waits in the queue with suggestions instead, so
 * one contested invoice never holds back the rest of the file. The file's lease is renewed
 * after each batch; when a batch or the recording fails, no other batch starts and no further
 * slice is recorded, the lease runs out and RemittanceFileResumer finishes the file.
 */
@Injectable()
export class FileCashApplication {
  private readonly logger = new Logger('FileCashApplication');

  constructor(
    private readonly transactions: CashTransactions,
    private readonly run: CashApplicationRun,
    private readonly files: RemittanceFileRepository,
  ) {}

  async apply(
    fileId: string,
    feed: PaymentFeed,
    reapply: readonly string[],
    actor: CashActor,
    options: { resumed?: boolean } = {},
  ): Promise<CashRunSummary> {
    const started = Date.now();
    const summary = new CashRunSummary();
    const queue = new BatchQueue();
    await this.heartbeat(fileId);
    const feeding = (async () => {
      try {
        for await (const slice of isAsync(feed) ? feed : [feed]) {
          // After a failure nothing more is recorded: the resumer finishes the file.
          if (queue.stopped) break;
          queue.push(batchesOf(slice));
        }
      } catch (error) {
        queue.stop();
        throw error;
      } finally {
        queue.end();
      }
    })();
    const worker = async () => {
      // After a failure no batch starts: the file is left whole to the resumer, whose lease
      // must not find this import still applying behind it.
      for (let batch = await queue.take(); batch !== undefined; batch = await queue.take()) {
        try {
          summary.merge(await this.applyBatch(batch, actor));
          await this.heartbeat(fileId);
        } catch (error) {
          queue.stop();
          throw error;
        }
      }
    };
    const outcomes = await Promise.allSettled([
      feeding,
      ...Array.from({ length: CONCURRENT_BATCHES }, worker),
    ]);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    let failure: { reason: unknown } | undefined = failed;
    if (failure === undefined && reapply.length > 0) {
      // Payments recorded before the file, whose customers a batch of the file may share:
      // applied again once every batch is done, never alongside one.
      try {
        summary.merge(await this.applyBatch([...reapply], actor));
      } catch (error) {
        failure = { reason: error };
      }
    }
    if (failure !== undefined) {
      this.logger.warn(
        { fileId, reason: String(failure.reason) },
        'cash application of the file stopped; the resumer takes it up once its lease runs out, or parks it when its attempts are used up',
      );
      throw failure.reason;
    }
    summary.elapsedMs = Date.now() - started;
    const stored = options.resumed ? { ...summary.toJSON(), resumed: true } : summary.toJSON();
    await this.transactions.run(async (manager) => {
      const processed = await this.files.markProcessed(manager, fileId, stored);
      // Only a resumed file can have been parked, and unparked by a replay from the queue.
      if (processed && options.resumed) {
        await resolveParkedFileExceptions(manager, fileId, 'replayed', {
          by: actor.principal,
          reason: 'the file was processed after the replay',
        });
      }
    });
    return summary;
  }

  /** The file's lease renewed: the resumer leaves a file alone while its batches go on. */
  private heartbeat(fileId: string): Promise<void> {
    return this.transactions.run((manager) => this.files.heartbeat(manager, fileId));
  }

  private async applyBatch(ids: string[], actor: CashActor): Promise<CashRunSummary> {
    try {
      return await this.once(ids, actor, 'apply');
    } catch (error) {
      if (!(error instanceof ProblemException) || error.status !== 409) throw error;
      this.logger.warn(
        { payments: ids.length, reason: error.message },
        'batch refused; payment by payment',
      );
    }
    const summary = new CashRunSummary();
    for (const id of ids) {
      try {
        summary.merge(await this.once([id], actor, 'apply'));
      } catch (error) {
        if (!(error instanceof ProblemException) || error.status !== 409) throw error;
        summary.merge(await this.once([id], actor, 'suggest'));
      }
    }
    return summary;
  }

  private once(
    ids: string[],
    actor: CashActor,
    mode: 'apply' | 'suggest',
  ): Promise<CashRunSummary> {
    return this.transactions.run(async (manager) => {
      const journal = new CashJournal(actor);
      const summary = await this.run.apply(manager, ids, actor, journal, {
        mode,
        setBased: ids.length > 1,
      });
      await journal.flush(manager);
      return summary;
    });
  }
}

/** Batches of whole customers (unidentified payers together), in the file's order. */
export function batchesOf(payments: readonly RecordedPayment[]): string[][] {
  const byCustomer = new Map<string, string[]>();
  for (const payment of payments) {
    const key = payment.customerId ?? '';
    const list = byCustomer.get(key);
    if (list === undefined) byCustomer.set(key, [payment.id]);
    else list.push(payment.id);
  }
  const batches: string[][] = [];
  let current: string[] = [];
  for (const ids of byCustomer.values()) {
    if (current.length > 0 && current.length + ids.length > PAYMENTS_PER_BATCH) {
      batches.push(current);
      current = [];
    }
    current.push(...ids);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function isAsync(feed: PaymentFeed): feed is AsyncIterable<readonly RecordedPayment[]> {
  return Symbol.asyncIterator in feed;
}

/**
 * Batches waiting to be applied, filled as slices are recorded. `take` waits while more may
 * come; it answers undefined once the feed ended and the queue is empty, or once stopped.
 */
class BatchQueue {
  private readonly batches: string[][] = [];
  private waiting: (() => void)[] = [];
  private ended = false;
  stopped = false;

  push(batches: readonly string[][]): void {
    this.batches.push(...batches);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  async take(): Promise<string[] | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      const batch = this.batches.shift();
      if (batch !== undefined) return batch;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
