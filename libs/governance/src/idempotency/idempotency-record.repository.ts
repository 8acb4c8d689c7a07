import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IdempotencyStatus } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { HeldKey } from './idempotency-record.policy';
import type { StoredResponse } from './stored-response';

/** One key of one consumer for one operation. */
export interface IdempotencyScope {
  consumerId: string;
  operationId: string;
  key: string;
}

export interface IdempotentRequest extends IdempotencyScope {
  method: string;
  path: string;
  fingerprint: string;
}

export interface HeldKeyRecord extends HeldKey {
  id: string;
  response: StoredResponse | null;
}

interface HeldKeyRow {
  id: string;
  requestHash: string;
  status: IdempotencyStatus;
  expired: boolean;
  lockExpired: boolean;
  responseStatus: number | null;
  responseBody: string | null;
  responseHeaders: Record<string, string> | null;
}

const CLAIM = `INSERT INTO idempotency_records
    (consumer_id, operation_id, key, request_method, request_path, request_hash,
     status, expires_at, locked_at)
  VALUES ($1, $2, $3, $4, $5, $6, 'in_progress', now() + make_interval(hours => $7), now())
  ON CONFLICT (consumer_id, operation_id, key) DO NOTHING
  RETURNING id`;

const FIND = `SELECT id, request_hash AS "requestHash", status,
       expires_at <= now() AS expired,
       locked_at < now() - make_interval(secs => $4) AS "lockExpired",
       response_status AS "responseStatus", response_body AS "responseBody",
       response_headers AS "responseHeaders"
  FROM idempotency_records
 WHERE consumer_id = $1 AND operation_id = $2 AND key = $3`;

/**
 * idempotency_records through single statements, each its own (autocommit) transaction: never
 * the handler's, never holding a second pooled connection while the handler runs (reads and
 * removals may run in the handler's transaction for IdempotencyLockRepository). The record id
 * is the holder's token: a key taken over is deleted and claimed anew under another id, so a
 * late holder's completion or release matches nothing.
 */
@Injectable()
export class IdempotencyRecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The new record's id, or undefined when a record already holds the key. */
  async claim(request: IdempotentRequest, ttlHours: number): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      CLAIM,
      idempotentRequestParameters(request, ttlHours),
    );
    return rows[0]?.id;
  }

  /** `on`: a transaction's EntityManager to read in it; else a statement of its own. */
  async find(
    scope: IdempotencyScope,
    lockSeconds: number,
    on: DataSource | EntityManager = this.dataSource,
  ): Promise<HeldKeyRecord | undefined> {
    const rows = await on.query<HeldKeyRow[]>(FIND, [
      scope.consumerId,
      scope.operationId,
      scope.key,
      lockSeconds,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    const { responseStatus, responseBody, responseHeaders, ...held } = row;
    return {
      ...held,
      response:
        row.status === 'completed' && responseStatus !== null
          ? { status: responseStatus, body: responseBody, headers: responseHeaders ?? {} }
          : null,
    };
  }

  /**
   * Deletes an expired record, or one whose holder's lock ran out, re-checking that under the
   * row lock: a holder that completed meanwhile keeps its record. (Expired records nobody asks
   * for again are the worker's to purge, by expires_at; see IdempotencyStore.)
   */
  async removeStale(
    id: string,
    lockSeconds: number,
    on: DataSource | EntityManager = this.dataSource,
  ): Promise<void> {
    await on.query(
      `DELETE FROM idempotency_records
        WHERE id = $1
          AND (expires_at <= now()
               OR (status = 'in_progress' AND locked_at < now() - make_interval(secs => $2)))`,
      [id, lockSeconds],
    );
  }

  async complete(id: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records
          SET status = 'completed', response_status = $2, response_body = $3,
              response_headers = $4::jsonb, locked_at = NULL
        WHERE id = $1 AND status = 'in_progress'`,
      [id, response.status, response.body, JSON.stringify(response.headers)],
    );
  }

  /** Frees the key for a retry (the handler failed with a 5xx or crashed). */
  async release(id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE id = $1 AND status = 'in_progress'`,
      [id],
    );
  }
}

/** $1-$7 of a claim: the key's scope (consumer, operation, key), the request and the lifetime. */
export function idempotentRequestParameters(
  request: IdempotentRequest,
  ttlHours: number,
): unknown[] {
  return [
    request.consumerId,
    request.operationId,
    request.key,
    request.method,
    request.path,
    request.fingerprint,
    ttlHours,
  ];
}
