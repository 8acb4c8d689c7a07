import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { BatchedStatement } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { IDEMPOTENCY_KEY_PATH } from './idempotency-key.rule';
import { IdempotencyLockRepository } from './idempotency-lock.repository';
import { verdictOnHeldKey } from './idempotency-record.policy';
import {
  IdempotencyRecordRepository,
  type IdempotentRequest,
} from './idempotency-record.repository';
import type { StoredResponse } from './stored-response';

export type IdempotencyClaim =
  { kind: 'claimed'; recordId: string } | { kind: 'replay'; response: StoredResponse };

/** Claim, look, take over: a key changing hands this often is contended; answer 409. */
const MAX_CLAIM_ATTEMPTS = 3;

function keyReused(operationId: string): ProblemException {
  const message =
    'was already used for another request to this operation (method, path or body differ)';
  return new ProblemException(
    ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
    `This Idempotency-Key ${message}; send a new key for a new request`,
    [{ path: IDEMPOTENCY_KEY_PATH, rule: 'key_reused', message }],
    { extensions: { operationId } },
  );
}

function inProgress(operationId: string): ProblemException {
  const message = 'is held by a request that is still being processed';
  return new ProblemException(
    ApiErrorCode.IDEMPOTENCY_IN_PROGRESS,
    `This Idempotency-Key ${message}; retry in 1 s to get its answer`,
    [{ path: IDEMPOTENCY_KEY_PATH, rule: 'in_progress', message }],
    { extensions: { operationId }, headers: { 'retry-after': '1' } },
  );
}

/**
 * The life of an Idempotency-Key: claimed before the handler runs, completed with the answer
 * (replayed for IDEMPOTENCY_TTL_HOURS), or released when the handler fails with a 5xx.
 *
 * Expired records are deleted here only when their key comes back. Purging the rest is a
 * periodic job for apps/worker, not yet written: DELETE ... WHERE expires_at < now() in small
 * batches, on the index ix_idempotency_records_expires_at.
 */
@Injectable()
export class IdempotencyStore {
  private readonly ttlHours: number;
  private readonly lockSeconds: number;

  constructor(
    private readonly records: IdempotencyRecordRepository,
    private readonly locks: IdempotencyLockRepository,
    @Inject(ENVIRONMENT) environment: Environment,
  ) {
    this.ttlHours = environment.IDEMPOTENCY_TTL_HOURS;
    this.lockSeconds = environment.IDEMPOTENCY_LOCK_SECONDS;
  }

  /** Claims the key for this request, or answers from the record that holds it. */
  async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const recordId = await this.records.claim(request, this.ttlHours);
      if (recordId !== undefined) return { kind: 'claimed', recordId };
      const held = await this.records.find(request, this.lockSeconds);
      // Released (a 5xx) or taken over between the two statements: claim again.
      if (!held) continue;
      const verdict = verdictOnHeldKey(held, request.fingerprint);
      switch (verdict) {
        case 'replay':
          if (held.response) return { kind: 'replay', response: held.response };
          break;
        case 'key_reused':
          throw keyReused(request.operationId);
        case 'in_progress':
          throw inProgress(request.operationId);
        case 'take_over':
          await this.records.removeStale(held.id, this.lockSeconds);
          break;
      }
    }
    throw inProgress(request.operationId);
  }

  /**
   * The same life inside the handler's transaction (IdempotencyInTransaction): the key is
   * locked for the transaction and claimed in it; a duplicate meanwhile finds the lock (409,
   * or 422 for another body); a committed record answers as it would above.
   */
  async claimInTransaction(
    manager: EntityManager,
    request: IdempotentRequest,
  ): Promise<IdempotencyClaim> {
    const claim = await this.locks.claim(manager, request, this.ttlHours);
    if (!claim.keyFree) {
      throw claim.requestFree ? keyReused(request.operationId) : inProgress(request.operationId);
    }
    if (claim.recordId !== null) return { kind: 'claimed', recordId: claim.recordId };
    const held = await this.records.find(request, this.lockSeconds, manager);
    const verdict = held ? verdictOnHeldKey(held, request.fingerprint) : 'take_over';
    switch (verdict) {
      case 'replay':
        if (held?.response) return { kind: 'replay', response: held.response };
        throw inProgress(request.operationId);
      case 'key_reused':
        throw keyReused(request.operationId);
      case 'in_progress':
        // Claimed by a process that keeps its key outside its transaction and may still run.
        throw inProgress(request.operationId);
      case 'take_over': {
        if (held) await this.records.removeStale(held.id, this.lockSeconds, manager);
        const retaken = await this.locks.claim(manager, request, this.ttlHours);
        if (retaken.recordId === null) throw inProgress(request.operationId);
        return { kind: 'claimed', recordId: retaken.recordId };
      }
    }
  }

  /** Completes a claim made in the transaction: a statement for its last batch. */
  completionInTransaction(recordId: string, response: StoredResponse): BatchedStatement {
    return this.locks.completion(recordId, response);
  }

  /** A refused request's answer (4xx) after its transaction rolled back, claim and all. */
  storeAnswer(request: IdempotentRequest, response: StoredResponse): Promise<void> {
    return this.locks.storeAnswer(request, this.ttlHours, response);
  }

  complete(recordId: string, response: StoredResponse): Promise<void> {
    return this.records.complete(recordId, response);
  }

  release(recordId: string): Promise<void> {
    return this.records.release(recordId);
  }
}
