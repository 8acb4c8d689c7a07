import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RELAXED_COMMIT } from './relaxed-commit';
import type { ClaimedDelivery } from './webhook-delivery.claims';

/** A delivered attempt waiting to be written. */
export interface DeliveredAttempt {
  readonly delivery: ClaimedDelivery;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number;
  readonly responseExcerpt: string | null;
}

interface Waiting {
  attempt: DeliveredAttempt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Who resolves the exception-queue entry of a replayed delivery that got through. */
export const WEBHOOK_DISPATCHER = 'system:webhook-dispatcher';

/** At most this many attempts per statement. */
const MAX_BATCH = 200;

/**
 * Delivered attempts in one statement: the log rows; the deliveries this dispatcher still
 * holds the lease of; the exception-queue entries of replayed deliveries, now resolved; and the
 * endpoints' circuits, closed as the domain's afterDeliverySuccess says. A healthy circuit is
 * written at most once a second (its lastSuccessAt), so deliveries to one endpoint do not queue
 * up on its row.
 */
const RECORD_DELIVERED = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[],
                         $6::int[], $7::text[], $8::boolean[])
      AS i(id, token, attempt, started_at, duration_ms, status_code, excerpt, probe)
  ), attempt AS (
    INSERT INTO webhook_delivery_attempts
      (delivery_id, attempt_number, started_at, duration_ms, outcome, status_code, response_excerpt, probe)
    SELECT id, attempt, started_at, duration_ms, 'delivered', status_code, excerpt, probe FROM input
  ), delivered AS (
    UPDATE webhook_deliveries d
       SET status = 'delivered',
           delivered_at = i.started_at + make_interval(secs => i.duration_ms::double precision / 1000),
           attempts = i.attempt, last_attempt_at = i.started_at, last_status_code = i.status_code,
           last_error_code = NULL, last_error = NULL, claim_token = NULL, updated_at = now()
      FROM input i
     WHERE d.id = i.id AND d.claim_token = i.token AND d.status = 'pending'
    RETURNING d.subscription_id, d.message_id
  ), resolved AS (
    UPDATE integration_exceptions e
       SET status = 'resolved', resolved_at = now(), resolved_by = $9,
           resolution_reason = 'delivered after replay', version = e.version + 1, updated_at = now()
      FROM delivered
     WHERE e.source = 'webhook:' || delivered.subscription_id
       AND e.reference = delivered.message_id::text AND e.status = 'replayed'
  ), circuit AS (
    INSERT INTO webhook_circuits (subscription_id, status, consecutive_failures, last_success_at)
    SELECT DISTINCT d.subscription_id, 'closed', 0, now()
      FROM webhook_deliveries d JOIN input i ON i.id = d.id
    ON CONFLICT (subscription_id) DO UPDATE
       SET status = 'closed', consecutive_failures = 0, opened_at = NULL, probe_at = NULL,
           last_success_at = now(), updated_at = now()
     WHERE webhook_circuits.status <> 'closed' OR webhook_circuits.consecutive_failures > 0
        OR webhook_circuits.last_success_at IS NULL
        OR webhook_circuits.last_success_at < now() - interval '1 second'
  )
  SELECT count(*)::int AS delivered FROM delivered`;

/**
 * Writes delivered attempts in batches: the attempts that finish within one turn of the event
 * loop share one transaction, so a busy endpoint costs one commit per batch rather than one
 * per message. Each caller's promise settles with its batch.
 */
@Injectable()
export class DeliveredAttemptsWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write(attempt: DeliveredAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (this.waiting.length >= MAX_BATCH) {
        void this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    if (this.waiting.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    const column = <T>(pick: (attempt: DeliveredAttempt) => T) =>
      batch.map((entry) => pick(entry.attempt));
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(RELAXED_COMMIT);
        await manager.query(RECORD_DELIVERED, [
          column((attempt) => attempt.delivery.id),
          column((attempt) => attempt.delivery.claimToken),
          column((attempt) => attempt.delivery.attempts + 1),
          column((attempt) => attempt.startedAt),
          column((attempt) => attempt.durationMs),
          column((attempt) => attempt.statusCode),
          column((attempt) => attempt.responseExcerpt),
          column((attempt) => attempt.delivery.probe),
          WEBHOOK_DISPATCHER,
        ]);
      });
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
