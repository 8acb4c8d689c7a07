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
import { RemittanceFileRecorder } from './remittance-file.recorder';
import { RemittanceFileRepository } from './remittance-file.repository';

/**
 * How long a file's lease lasts without a heartbeat. Applying renews it after every batch, a
 * few seconds apart even for 1,500 payments on a busy machine, so five minutes of silence means
 * the import stopped (a restart, a lost connection, an error), not that it is slow.
 */
export const APPLICATION_LEASE_SECONDS = 300;

/** Files one round resumes at most; the next round takes the rest. */
export const FILES_PER_ROUND = 10;

/** Cash applied on resumption is the platform's own work, not the importer's. */
export const RESUMER_ACTOR: CashActor = {
  principal: 'system:remittance-resumer',
  kind: 'system',
  subject: 'remittance-resumer',
};

/** What resuming one file did, as the warning line reports it. */
export interface ResumedFile {
  readonly fileId: string;
  readonly payments: number;
  readonly applied: number;
  readonly onAccount: number;
  readonly inReview: number;
  readonly unidentified: number;
}

/**
 * Resumes remittance files whose import stopped part-way: the file is still `received`, with
 * some of its payments perhaps not recorded yet (no `recorded_at`) and money neither applied
 * nor queued. The recording is finished first, from the stored bytes. Every REMITTANCE_RESUME_INTERVAL_MS it claims such a file
 * (its lease ran out; the claim renews it, so one gateway applies it at a time), runs cash
 * application again over all its payments and marks it processed. Running again is safe:
 * a payment applied before has nothing pending and is skipped, one queued before has its task
 * refreshed, and every posting goes through the guarded writes under the payments' locks.
 */
@Injectable()
export class RemittanceFileResumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RemittanceFileResumer');
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    @Inject(ENVIRONMENT) environment: Environment,
    private readonly transactions: CashTransactions,
    private readonly files: RemittanceFileRepository,
    private readonly recorder: RemittanceFileRecorder,
    private readonly application: FileCashApplication,
  ) {
    this.intervalMs = environment.REMITTANCE_RESUME_INTERVAL_MS;
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

  /** One round: every file whose lease ran out (up to FILES_PER_ROUND), one after the other. */
  async runOnce(): Promise<ResumedFile[]> {
    const resumed: ResumedFile[] = [];
    while (!this.stopping && resumed.length < FILES_PER_ROUND) {
      const fileId = await this.transactions.run((manager) =>
        this.files.claimStopped(manager, APPLICATION_LEASE_SECONDS),
      );
      if (fileId === undefined) break;
      resumed.push(await this.resume(fileId));
    }
    return resumed;
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce()
        .catch((error: unknown) => {
          // The claimed file keeps its fresh lease and is taken again once it runs out.
          this.logger.error({ err: error }, 'resuming remittance files failed; retried later');
        })
        .finally(() => this.schedule());
    }, this.intervalMs);
    // A pending round must never keep the process (or a test run) alive.
    this.timer.unref();
  }

  private resume(fileId: string): Promise<ResumedFile> {
    const context = {
      principal: RESUMER_ACTOR.principal,
      principalType: 'system',
      operation: 'resumeRemittanceFileApplication',
      correlationId: randomUUID(),
    };
    return runWithAuditContext(context, async () => {
      // A recording that stopped part-way is finished first, from the file's stored bytes.
      // When that fails again, the payments recorded so far are still applied or queued (no
      // money left where nobody sees it); the file stays received and is tried again later.
      let recordingFailed: { error: unknown } | undefined;
      try {
        await this.recorder.finish(fileId, RESUMER_ACTOR);
      } catch (error) {
        recordingFailed = { error };
        this.logger.error(
          { fileId, err: error, correlationId: context.correlationId },
          `remittance file ${fileId}: finishing its recording failed; the payments recorded so far are applied, the rest is tried again once its lease runs out`,
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
        fileId,
        payments: payments.length + reapply.length,
        applied: summary.applied.count,
        onAccount: summary.onAccount.count,
        inReview: summary.inReview.count,
        unidentified: summary.unidentified.count,
      };
      this.logger.warn(
        { ...report, correlationId: context.correlationId },
        `remittance file ${fileId} resumed after its cash application stopped: ${report.payments} payments run again, ${report.applied} applications posted, ${report.inReview + report.unidentified} payments queued`,
      );
      return report;
    });
  }
}
