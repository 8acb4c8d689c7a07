import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type BatchedStatement, preparedStatement, queryPrepared } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type IdempotentRequest,
  idempotentRequestParameters,
} from './idempotency-record.repository';
import type { StoredResponse } from './stored-response';

/** What claiming a key inside the handler's transaction found. */
export interface KeyClaim {
  /** This transaction holds the key's lock (until it ends). */
  keyFree: boolean;
  /** Nobody else runs this very request (same key and fingerprint) right now. */
  requestFree: boolean;
  /** The new in_progress record; null when a committed record already holds the key. */
  recordId: string | null;
}

/**
 * Transaction-scoped advisory locks name who is working on a key: one on the key, one on the
 * key with the request's fingerprint. A duplicate that cannot take the first lock learns from
 * the second whether the running request is its twin (409) or another body (422), before any
 * record is committed. Locks are 32-bit hashes in their own namespaces: a collision only makes
 * a request wait (409, retry) for an unrelated one.
 */
const KEY_LOCK = `hashtext('o2c:idempotency-key'), hashtext($1 || E'\\n' || $2 || E'\\n' || $3)`;
const REQUEST_LOCK = `hashtext('o2c:idempotency-request'),
  hashtext($1 || E'\\n' || $2 || E'\\n' || $3 || E'\\n' || $6)`;

/** Locks, then inserts the claim. ON CONFLICT sees committed records whatever the snapshot,
 *  so a record committed just before the lock was taken is never missed. */
const CLAIM = preparedStatement(
  'claim-idempotency-key',
  `
  WITH locks AS (
    SELECT pg_try_advisory_xact_lock(${KEY_LOCK}) AS "keyFree",
           pg_try_advisory_xact_lock(${REQUEST_LOCK}) AS "requestFree"
  ), claimed AS (
    INSERT INTO idempotency_records
      (consumer_id, operation_id, key, request_method, request_path, request_hash,
       status, expires_at, locked_at)
    SELECT $1, $2, $3, $4, $5, $6, 'in_progress', now() + make_interval(hours => $7), now()
      FROM locks WHERE locks."keyFree"
    ON CONFLICT (consumer_id, operation_id, key) DO NOTHING
    RETURNING id
  )
  SELECT locks."keyFree", locks."requestFree", (SELECT id FROM claimed) AS "recordId" FROM locks`,
);

/** After a refused run rolled back: the answer as the key's record, once whoever holds the key
 *  has finished (a retry that ran meanwhile keeps its own record). Both locks, as a claim takes
 *  them: a twin arriving meanwhile is told 409, not 422. */
const STORE_ANSWER = `
  WITH key_lock AS (
    SELECT pg_advisory_xact_lock(${KEY_LOCK}), pg_advisory_xact_lock(${REQUEST_LOCK})
  )
  INSERT INTO idempotency_records
    (consumer_id, operation_id, key, request_method, request_path, request_hash,
     status, expires_at, locked_at, response_status, response_body, response_headers)
  SELECT $1, $2, $3, $4, $5, $6, 'completed', now() + make_interval(hours => $7), NULL,
         $8, $9, $10::jsonb
    FROM key_lock
  ON CONFLICT (consumer_id, operation_id, key) DO NOTHING`;

const COMPLETE = `
  UPDATE idempotency_records
     SET status = 'completed', response_status = $2, response_body = $3,
         response_headers = $4::jsonb, locked_at = NULL
   WHERE id = $1 AND status = 'in_progress'`;

/** idempotency_records of handlers that keep their key in their own transaction. */
@Injectable()
export class IdempotencyLockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(
    manager: EntityManager,
    request: IdempotentRequest,
    ttlHours: number,
  ): Promise<KeyClaim> {
    const [row] = await queryPrepared<KeyClaim>(
      manager,
      CLAIM,
      idempotentRequestParameters(request, ttlHours),
    );
    if (!row) throw new Error('the idempotency claim returned no row');
    return row;
  }

  /** The claim completed with its answer, as a statement of the transaction's last batch. */
  completion(id: string, response: StoredResponse): BatchedStatement {
    return {
      text: COMPLETE,
      values: [id, response.status, response.body, JSON.stringify(response.headers)],
    };
  }

  /** In a statement (and transaction) of its own. */
  async storeAnswer(
    request: IdempotentRequest,
    ttlHours: number,
    response: StoredResponse,
  ): Promise<void> {
    await this.dataSource.query(STORE_ANSWER, [
      ...idempotentRequestParameters(request, ttlHours),
      response.status,
      response.body,
      JSON.stringify(response.headers),
    ]);
  }
}
