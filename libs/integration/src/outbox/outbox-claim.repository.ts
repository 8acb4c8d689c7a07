import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RelayedMessage } from './outbox-sink';

/** A message locked by this relay's transaction. */
export interface ClaimedMessage extends RelayedMessage {
  /** Failed attempts so far. */
  readonly attempts: number;
  /** Whether its retry time (available_at) has come; a follower may still be waiting. */
  readonly available: boolean;
}

interface ClaimedRow {
  id: string;
  sequence: string;
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
  headers: Record<string, string> | null;
  createdAt: Date;
  attempts: number;
  available: boolean;
}

const COLUMNS = `
  m.id, m.sequence::text AS sequence, m.aggregate_type AS "aggregateType",
  m.aggregate_id AS "aggregateId", m.event_type AS "eventType", m.payload, m.headers,
  m.created_at AS "createdAt", m.attempts, m.available_at <= now() AS available`;

/**
 * Heads: the oldest undelivered message of each aggregate, if due and not locked by another
 * relay. Locking the head locks its aggregate: for every other relay the head is still
 * undelivered, so the NOT EXISTS hides the aggregate's later messages, and the head itself is
 * skipped. 'dead' messages do not block their aggregate (they wait in the exception queue).
 */
const CLAIM_HEADS = `
  SELECT ${COLUMNS}
    FROM outbox_messages m
   WHERE m.status IN ('pending', 'failed')
     AND m.available_at <= now()
     AND NOT EXISTS (
           SELECT 1
             FROM outbox_messages earlier
            WHERE earlier.aggregate_type = m.aggregate_type
              AND earlier.aggregate_id = m.aggregate_id
              AND earlier.sequence < m.sequence
              AND earlier.status IN ('pending', 'failed'))
   ORDER BY m.sequence
   LIMIT $1
     FOR UPDATE OF m SKIP LOCKED`;

/**
 * Followers: the other undelivered messages of the claimed aggregates, oldest first. No other
 * relay can claim them while we hold the heads, so this waits on a lock (never skips one): a
 * skipped row would leave a gap and let a later message overtake it. The limit cuts by
 * sequence, so each aggregate keeps a gap-free prefix.
 */
const CLAIM_FOLLOWERS = `
  SELECT ${COLUMNS}
    FROM outbox_messages m
    JOIN unnest($1::text[], $2::text[]) AS claimed(aggregate_type, aggregate_id)
      ON claimed.aggregate_type = m.aggregate_type AND claimed.aggregate_id = m.aggregate_id
   WHERE m.status IN ('pending', 'failed')
     AND m.id <> ALL($3::uuid[])
   ORDER BY m.sequence
   LIMIT $4
     FOR UPDATE OF m`;

/** Claims outbox messages for one relay transaction (see CLAIM_HEADS and CLAIM_FOLLOWERS). */
@Injectable()
export class OutboxClaimRepository {
  /** Up to `limit` messages, heads and their followers, in sequence order. */
  async claim(manager: EntityManager, limit: number): Promise<ClaimedMessage[]> {
    const heads = await manager.query<ClaimedRow[]>(CLAIM_HEADS, [limit]);
    if (heads.length === 0 || heads.length >= limit) return heads.map(claimedMessage);
    const followers = await manager.query<ClaimedRow[]>(CLAIM_FOLLOWERS, [
      heads.map((head) => head.aggregateType),
      heads.map((head) => head.aggregateId),
      heads.map((head) => head.id),
      limit - heads.length,
    ]);
    return [...heads, ...followers]
      .sort((a, b) => compareSequence(a.sequence, b.sequence))
      .map(claimedMessage);
  }
}

/** Sequences are bigints as strings: shorter is smaller, equal lengths compare as text. */
export function compareSequence(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function claimedMessage(row: ClaimedRow): ClaimedMessage {
  return {
    id: row.id,
    sequence: row.sequence,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    eventType: row.eventType,
    payload: row.payload,
    headers: row.headers ?? {},
    createdAt: row.createdAt,
    attempts: row.attempts,
    available: row.available,
  };
}
