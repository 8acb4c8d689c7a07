import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  afterDeliveryFailure,
  nextRetry,
  PING_EVENT_TYPE,
  type RandomSource,
  retryAfterMs,
} from '@o2c/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { circuitOf, saveCircuit } from './webhook-circuit.store';
import type { ClaimedDelivery } from './webhook-delivery.claims';
import { DeliveredAttemptsWriter } from './delivered-attempts.writer';
import { recordExhaustedDelivery } from './webhook-exception.writer';

/** What one attempt came to, as the delivery log keeps it. */
export interface AttemptResult {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly errorCode: string | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
  readonly retryAfter?: string | undefined;
}

export type AttemptVerdict = 'delivered' | 'retry' | 'dead';

export interface RecordedAttempt {
  readonly verdict: AttemptVerdict;
  /** The endpoint's circuit is open after this attempt: hold its other deliveries back. */
  readonly circuitOpen: boolean;
}

export const RANDOM_SOURCE = Symbol('RANDOM_SOURCE');

const MAX_TEXT = 2000;

function clipped(text: string | null): string | null {
  return text === null || text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

const INSERT_FAILED_ATTEMPT = `
  INSERT INTO webhook_delivery_attempts
    (delivery_id, attempt_number, started_at, duration_ms, outcome, status_code, error_code,
     error, response_excerpt, probe)
  VALUES ($1, $2, $3, $4, 'failed', $5, $6, $7, $8, $9)`;

const MARK_RETRY = `
  UPDATE webhook_deliveries
     SET next_attempt_at = $3, attempts = $4, last_attempt_at = $5, last_status_code = $6,
         last_error_code = $7, last_error = $8, claim_token = NULL, updated_at = now()
   WHERE id = $1 AND claim_token = $2 AND status = 'pending'`;

const MARK_DEAD = `
  UPDATE webhook_deliveries
     SET status = 'dead', attempts = $3, last_attempt_at = $4, last_status_code = $5,
         last_error_code = $6, last_error = $7, claim_token = NULL, updated_at = now()
   WHERE id = $1 AND claim_token = $2 AND status = 'pending'`;

/**
 * Records an attempt: the log row, the delivery's next state (delivered, retried on the backoff
 * schedule, or dead with its exception-queue entry) and the endpoint's circuit, atomically. A
 * delivery whose lease was lost (another dispatcher took it over) keeps its state; the attempt
 * is still logged.
 */
@Injectable()
export class WebhookAttemptRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(RANDOM_SOURCE) private readonly random: RandomSource,
    private readonly delivered: DeliveredAttemptsWriter,
  ) {}

  async record(delivery: ClaimedDelivery, result: AttemptResult): Promise<RecordedAttempt> {
    const succeeded =
      result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    if (succeeded) {
      await this.delivered.write({
        delivery,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode ?? 200,
        responseExcerpt: result.responseExcerpt,
      });
      return { verdict: 'delivered', circuitOpen: false };
    }
    return this.dataSource.transaction((manager) => this.failed(manager, delivery, result));
  }

  private async failed(
    manager: EntityManager,
    delivery: ClaimedDelivery,
    result: AttemptResult,
  ): Promise<RecordedAttempt> {
    const attempts = delivery.attempts + 1;
    const now = Date.now();
    const errorCode = result.errorCode ?? `HTTP_${result.statusCode ?? 0}`;
    const error = clipped(result.error) ?? `the endpoint answered ${result.statusCode ?? '?'}`;
    await manager.query(INSERT_FAILED_ATTEMPT, [
      delivery.id,
      attempts,
      result.startedAt,
      result.durationMs,
      result.statusCode,
      errorCode,
      error,
      result.responseExcerpt,
      delivery.probe,
    ]);
    const circuitOpen = await this.openCircuitFurther(manager, delivery.subscriptionId, now);
    const decision = nextRetry(
      {
        failedAttempts: attempts,
        queuedAtMs: delivery.queuedAt.getTime(),
        nowMs: now,
        retryAfterMs: retryAfterMs(result.retryAfter, now),
      },
      this.settings.schedule,
      this.random,
    );
    const last = [result.startedAt, result.statusCode, errorCode, error] as const;
    if (decision.kind === 'retry') {
      await manager.query(MARK_RETRY, [
        delivery.id,
        delivery.claimToken,
        new Date(decision.atMs),
        attempts,
        ...last,
      ]);
      return { verdict: 'retry', circuitOpen };
    }
    const [, changed] = await manager.query<[unknown, number]>(MARK_DEAD, [
      delivery.id,
      delivery.claimToken,
      attempts,
      ...last,
    ]);
    // A ping is a test: its failure is in the log, not in the exception queue.
    if (changed > 0 && delivery.eventType !== PING_EVENT_TYPE) {
      await recordExhaustedDelivery(manager, delivery, {
        attempts,
        errorCode,
        error,
        deadlineMs: decision.deadlineMs,
      });
    }
    return { verdict: 'dead', circuitOpen };
  }

  /** One more failure for the endpoint's circuit (domain rule), under its row lock; whether
   *  it is open now. */
  private async openCircuitFurther(
    manager: EntityManager,
    subscriptionId: string,
    nowMs: number,
  ): Promise<boolean> {
    const circuit = await circuitOf(manager, subscriptionId, { lock: 'wait' });
    if (!circuit) return false;
    const next = afterDeliveryFailure(circuit, nowMs, this.settings.circuit);
    await saveCircuit(manager, subscriptionId, next, { succeeded: false, at: new Date(nowMs) });
    return next.status !== 'closed';
  }
}
