import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClaimedMessage } from './outbox-claim.repository';

/** A failed delivery attempt to record. */
export interface DeliveryFailure {
  message: ClaimedMessage;
  sink: string;
  errorCode: string;
  error: string;
  /** No retry can help (a permanent refusal). */
  permanent: boolean;
  /** Attempts after which the message is dead. */
  maxAttempts: number;
  /** Wait before the next attempt, given the attempts made so far. */
  retryDelayMs(attempts: number): number;
}

export type FailureOutcome = 'retry' | 'dead' | 'superseded';

/** Who closes the exception-queue entry of a replayed message once it got through. */
export const OUTBOX_RELAY_ACTOR = 'system:worker-outbox-relay';

/**
 * Marks the messages delivered; a message that was dead and replayed from the exception queue
 * resolves its entry in the same statement (the replay only re-queued it: 'replayed').
 */
const MARK_DELIVERED = `
  WITH delivered AS (
    UPDATE outbox_messages
       SET status = 'delivered', delivered_at = clock_timestamp(), attempts = attempts + 1,
           last_error = NULL
     WHERE id = ANY($1::uuid[])
    RETURNING id
  )
  UPDATE integration_exceptions e
     SET status = 'resolved', resolved_at = now(), resolved_by = $2,
         resolution_reason = 'delivered after replay', version = e.version + 1, updated_at = now()
    FROM delivered
   WHERE e.kind = 'outbound_delivery' AND e.status = 'replayed'
     AND e.source LIKE 'outbox:%' AND e.reference = delivered.id::text`;

const LOCK_MESSAGE = `SELECT status, attempts FROM outbox_messages WHERE id = $1 FOR UPDATE`;

const COUNT_ATTEMPT = `UPDATE outbox_messages SET attempts = attempts + 1 WHERE id = $1`;

const MARK_FAILED = `
  UPDATE outbox_messages
     SET attempts = $2, last_error = $3, status = $4,
         available_at = CASE WHEN $4 = 'dead' THEN available_at ELSE $5::timestamptz END
   WHERE id = $1`;

/**
 * The exception-queue entry of a dead message: what failed, where, and the payload to replay.
 * One entry per message: a replayed message that dies again re-opens its entry (replay count
 * kept, the sink and error of this death); otherwise a new entry opens.
 */
const REOPEN_EXCEPTION = `
  UPDATE integration_exceptions
     SET status = 'open', source = $1, event_type = $2, error_code = $4, error_detail = $5, payload = $6::jsonb,
         resolved_at = NULL, resolved_by = NULL, resolution_reason = NULL,
         version = version + 1, updated_at = now()
   WHERE kind = 'outbound_delivery' AND source LIKE 'outbox:%' AND reference = $3
     AND status IN ('open', 'replayed')
  RETURNING id`;

const INSERT_EXCEPTION = `
  INSERT INTO integration_exceptions
    (kind, source, partner, event_type, reference, error_code, error_detail, payload)
  VALUES ('outbound_delivery', $1, NULL, $2, $3, $4, $5, $6)`;

/** Longest error text kept on the message and in the exception queue. */
const MAX_ERROR_LENGTH = 2000;

/** Records what became of claimed messages. */
@Injectable()
export class OutboxOutcomeRepository {
  async delivered(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await manager.query(MARK_DELIVERED, [ids, OUTBOX_RELAY_ACTOR]);
  }

  /**
   * Counts the failed attempt: the message is retried after a backoff, or 'dead' with an
   * exception-queue entry once attempts are used up (one transaction). The batch that failed
   * has rolled back meanwhile, so another relay may have delivered the message in between:
   * then the attempt is only counted ('superseded').
   */
  async failed(manager: EntityManager, failure: DeliveryFailure): Promise<FailureOutcome> {
    const { id } = failure.message;
    const [current] = await manager.query<{ status: string; attempts: number }[]>(LOCK_MESSAGE, [
      id,
    ]);
    if (!current) return 'superseded';
    if (current.status !== 'pending' && current.status !== 'failed') {
      await manager.query(COUNT_ATTEMPT, [id]);
      return 'superseded';
    }
    const attempts = current.attempts + 1;
    const dead = failure.permanent || attempts >= failure.maxAttempts;
    const error = truncated(failure.error);
    const retryAt = new Date(Date.now() + failure.retryDelayMs(attempts));
    await manager.query(MARK_FAILED, [
      id,
      attempts,
      error,
      dead ? 'dead' : 'failed',
      retryAt.toISOString(),
    ]);
    if (!dead) return 'retry';
    const entry = [
      `outbox:${failure.sink}`,
      failure.message.eventType,
      id,
      failure.errorCode,
      error,
      JSON.stringify(failure.message.payload),
    ];
    // RETURNING on an UPDATE comes back as [rows, count].
    const [reopened] = await manager.query<[{ id: string }[], number]>(REOPEN_EXCEPTION, entry);
    if (reopened.length === 0) await manager.query(INSERT_EXCEPTION, entry);
    return 'dead';
  }
}

function truncated(text: string): string {
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}
