import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { runWithAuditContext } from '@o2c/governance';
import type { CashActor } from '../cash-actor';
import { CashTransactions } from '../cash-transactions';
import { FileCashApplication } from './file-cash-application';
import { RemittanceFileParking, resumeErrorText } from './remittance-file.parking';
import { RemittanceFileRecorder } from './remittance-file.recorder';
import { type ClaimedFile, RemittanceFileRepository } from './remittance-file.repository';

/**
 * How long a file's lease lasts without a heartbeat. Applying renews it after every batch, a
 * few seconds apart even for 1,500 payments on a busy machine, so five minutes of silence means
 * the import stopped (a restart, a lost connection, an error), not that it is slow.
 */
export const APPLICATION_LEASE_SECONDS = 300;

/** Files one round attempts at most; the next round takes the rest. */
export const FILES_PER_ROUND = 10;

/** Cash applied on resumption is the platform's own work, not the importer's. */
export const RESUMER_ACTOR: CashActor = {
  principal: 'system:remittance-resumer',
  kind: 'system',
  subject: 'remittance-resumer',
};

/** What resuming one file did, as the warning line reports it. */
export interface ResumedFile {
  readonly outcome: 'resumed';
  readonly fileId: string;
  /** Which attempt this was (1 for the first). */
  readonly attempt: number;
  readonly payments: number;
  readonly applied: number;
  readonly onAccount: number;
  readonly inReview: number;
  readonly unidentified: number;
}

/**
 * An attempt that failed: `failed` when the file is tried again once its lease runs out,
 * `parked` when this was its last attempt (REMITTANCE_RESUME_MAX_ATTEMPTS).
 */
export interface FailedResumption {
  readonly outcome: 'failed' | 'parked';
  readonly fileId: string;
  /** Which attempt this was (1 for the first). */
  readonly attempt: number;
  readonly error: string;
}

export type ResumptionOutcome = ResumedFile | FailedResumption;

/**
 * Resumes remittance files whose import stopped part-way: the file is still `received`, with
 * some of its payments perhaps not recorded yet (no `recorded_at`) and money neither applied
 * nor queued. The recording is finished first, from the stored bytes. Every REMITTANCE_RESUME_INTERVAL_MS it claims such a file
 * (its lease ran out; the claim renews it, so one gateway applies it at a time), runs cash
 * application again over all its payments and marks it processed. Running again is safe:
 * a payment applied before has nothing pending and is skipped, one queued before has its task
 * refreshed, and every posting goes through the guarded writes under the payments' locks.
 *
 * Each claim counts an attempt. A failed attempt keeps its error on the file and the round goes
 * on with the next file; after REMITTANCE_RESUME_MAX_ATTEMPTS failed attempts the file is
 * parked (see RemittanceFileParking): no longer claimed, one error logged, an event published.
 */
@Injectable()
export class RemittanceFileResumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RemittanceFileResumer');
  private readonly intervalMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    @Inject(ENVIRONMENT) environment: Environment,
    private readonly transactions: CashTransactions,
    private readonly files: RemittanceFileRepository,
    private readonly recorder: RemittanceFileRecorder,
    private readonly application: FileCashApplication,
    private readonly parking: RemittanceFileParking,
  ) {
    this.intervalMs = environment.REMITTANCE_RESUME_INTERVAL_MS;
    this.maxAttempts = environment.REMITTANCE_RESUME_MAX_ATTEMPTS;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule();
  }

  /** No round starts after this; the one under way finishes its file first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /**
   * One round: every file whose lease ran out (up to FILES_PER_ROUND), one after the other. A
   * file that fails does not end the round: its claim renewed its lease, so the same round
   * does not take it again, and the next file is tried.
   */
  async runOnce(): Promise<ResumptionOutcome[]> {
    const outcomes: ResumptionOutcome[] = [];
    while (!this.stopping && outcomes.length < FILES_PER_ROUND) {
      const claimed = await this.transactions.run((manager) =>
        this.files.claimStopped(manager, APPLICATION_LEASE_SECONDS),
      );
      if (claimed === undefined) break;
      outcomes.push(await this.attempt(claimed));
    }
    return outcomes;
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce()
        .catch((error: unknown) => {
          // Claiming, or noting a failure, failed (the database, not a file): the claimed file
          // keeps its fresh lease and is taken again once it runs out.
          this.logger.error({ err: error }, 'resuming remittance files failed; retried later');
        })
        .finally(() => this.schedule());
    }, this.intervalMs);
    // A pending round must never keep the process (or a test run) alive.
    this.timer.unref();
  }

  /** One attempt at a claimed file, under its own correlation id; never throws for the file. */
  private attempt(claimed: ClaimedFile): Promise<ResumptionOutcome> {
    const context = {
      principal: RESUMER_ACTOR.principal,
      principalType: 'system',
      operation: 'resumeRemittanceFileApplication',
      correlationId: randomUUID(),
    };
    return runWithAuditContext(context, async () => {
      if (claimed.attempt > this.maxAttempts) {
        // Counted attempts already used up: the last one was claimed but never reported back
        // (the gateway stopped during it, perhaps because of this file), or the limit was
        // lowered since. Parked rather than tried without end.
        return this.failed(claimed, new Error(this.usedUp(claimed)), context.correlationId);
      }
      try {
        return await this.resume(claimed, context.correlationId);
      } catch (error) {
        return this.failed(claimed, error, context.correlationId);
      }
    });
  }

  private usedUp(claimed: ClaimedFile): string {
    const used = `resumption attempts used up (${claimed.attempt - 1} of ${this.maxAttempts})`;
    return claimed.lastError === null
      ? `${used}; the last never reported back (the gateway stopped during it)`
      : `${used}; last error: ${claimed.lastError}`;
  }

  /** The failure kept on the file; the file parked when this was its last attempt. */
  private async failed(
    claimed: ClaimedFile,
    error: unknown,
    correlationId: string,
  ): Promise<FailedResumption> {
    const { id: fileId, attempt } = claimed;
    const text = resumeErrorText(error);
    if (attempt < this.maxAttempts) {
      await this.transactions.run((manager) => this.parking.recordFailure(manager, fileId, text));
      this.logger.warn(
        { fileId, attempt, maxAttempts: this.maxAttempts, err: error, correlationId },
        `remittance file ${fileId}: resumption attempt ${attempt} of ${this.maxAttempts} failed; tried again once its lease runs out`,
      );
      return { outcome: 'failed', fileId, attempt, error: text };
    }
    const parked = await this.transactions.run((manager) =>
      this.parking.park(manager, fileId, text, RESUMER_ACTOR),
    );
    // Processed or parked meanwhile (another gateway): nothing to announce.
    if (!parked) return { outcome: 'failed', fileId, attempt, error: text };
    this.logger.error(
      { fileId, attempts: attempt, lastError: text, err: error, correlationId },
      `remittance file ${fileId} parked after ${attempt} resumption attempts without success: ${text}; it is not resumed again until someone looks at it`,
    );
    return { outcome: 'parked', fileId, attempt, error: text };
  }

  private async resume(claimed: ClaimedFile, correlationId: string): Promise<ResumedFile> {
    const { id: fileId, attempt } = claimed;
    // A recording that stopped part-way is finished first, from the file's stored bytes. When
    // that fails again, the payments recorded so far are still applied or queued (no money
    // left where nobody sees it); the attempt then counts as failed.
    let recordingFailed: { error: unknown } | undefined;
    try {
      await this.recorder.finish(fileId, RESUMER_ACTOR);
    } catch (error) {
      recordingFailed = { error };
      this.logger.warn(
        { fileId, err: error, correlationId },
        `remittance file ${fileId}: finishing its recording failed; the payments recorded so far are applied`,
      );
    }
    const { payments, reapply } = await this.transactions.run(async (manager) => ({
      payments: await this.files.payments(manager, fileId),
      reapply: await this.files.matchedInReview(manager, fileId),
    }));
    const summary = await this.application.apply(fileId, payments, reapply, RESUMER_ACTOR, {
      resumed: true,
    });
    if (recordingFailed !== undefined) throw recordingFailed.error;
    const report: ResumedFile = {
      outcome: 'resumed',
      fileId,
      attempt,
      payments: payments.length + reapply.length,
      applied: summary.applied.count,
      onAccount: summary.onAccount.count,
      inReview: summary.inReview.count,
      unidentified: summary.unidentified.count,
    };
    this.logger.warn(
      { ...report, correlationId },
      `remittance file ${fileId} resumed after its cash application stopped: ${report.payments} payments run again, ${report.applied} applications posted, ${report.inReview + report.unidentified} payments queued`,
    );
    return report;
  }
}
