import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ContractOperation, ContractRegistry, OPERATION_ID } from '@o2c/contracts';
import { toProblem } from '@o2c/http';
import { runInSharedTransaction, StatementBatch } from '@o2c/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import type { Principal } from '../principal/principal';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyConsumerOf,
  idempotencyKeyOf,
} from './idempotency-key.rule';
import { IDEMPOTENCY_IN_TRANSACTION } from './idempotency-in-transaction.decorator';
import { outcomeOfFailure } from './idempotency-record.policy';
import type { IdempotentRequest } from './idempotency-record.repository';
import { IdempotencyStore } from './idempotency-store.service';
import { requestFingerprint, requestPathOf } from './request-fingerprint';
import {
  replayStoredResponse,
  sentAsStored,
  storedProblem,
  storedSuccess,
} from './stored-response';

type IdempotentHttpRequest = FastifyRequest & { user?: Principal };

/**
 * Idempotency-Key from the contracts' `x-idempotency` (Stripe's semantics), on every bound
 * operation that declares it.
 *
 * Order: guards have run (authentication, scopes and rate limits: a refused or throttled
 * request never touches a key), and so has ContractValidationInterceptor (ContractsModule
 * registers it before GovernanceModule imports this module): a 400 for a malformed request
 * consumes no key, so the corrected request may reuse it. It runs inside the audit context.
 *
 * Why the record is not written in the handler's transaction (which stays one transaction of
 * its own): the use case opens and commits that transaction itself, and the answer (body,
 * status, Location, ETag) exists only after the commit, once the controller has set its
 * headers, so the audit-style request context cannot carry "completed" into it. And a duplicate
 * must find the key taken (409) while the first request runs; an uncommitted claim would make
 * its insert wait instead, holding a pooled connection. So the claim is one short autocommit
 * statement before the handler, and completion (or release) another one after it.
 * The cost is a crash window: a process killed between the handler's commit and the completion
 * leaves an in_progress record; once IDEMPOTENCY_LOCK_SECONDS pass, a retry takes the key over
 * and executes again. Business keys (customer number, SKU, warehouse code) still refuse the
 * duplicate; operations without one (inventory postings) would post twice. Closing the window
 * needs the use case itself to mark the record completed in its transaction (a unit of work
 * that builds the answer before committing).
 *
 * A handler marked @IdempotencyInTransaction() does exactly that: its use case joins a
 * transaction opened here, in which the key is locked and claimed first and completed last,
 * so the answer commits with the change (see IdempotencyStore.claimInTransaction). A refusal
 * (4xx) rolls all of it back; its answer is then stored in a statement of its own.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    private readonly contracts: ContractRegistry,
    private readonly store: IdempotencyStore,
    private readonly trail: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, context.getHandler());
    const operation = operationId ? this.contracts.operation(operationId) : undefined;
    if (!operation || operation.idempotency === 'none') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentHttpRequest>();
    const key = idempotencyKeyOf(operation, request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) return next.handle();
    const claimFor = idempotentRequest(operation, request, key);
    const reply = http.getResponse<FastifyReply>();
    // A promise, not an operator chain: a client that disconnects unsubscribes, and the key
    // must still be completed or released once the handler settles.
    return from(
      this.reflector.get<boolean | undefined>(IDEMPOTENCY_IN_TRANSACTION, context.getHandler())
        ? this.runInTransaction(claimFor, next, request, reply)
        : this.run(claimFor, next, request, reply),
    );
  }

  private async runInTransaction(
    claimFor: IdempotentRequest,
    next: CallHandler,
    request: IdempotentHttpRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    let claimed = false;
    try {
      const answer = await runInSharedTransaction(this.dataSource, async (manager) => {
        const claim = await this.store.claimInTransaction(manager, claimFor);
        if (claim.kind === 'replay') return { body: replayStoredResponse(claim.response, reply) };
        claimed = true;
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const stored = storedSuccess(reply, body);
        // The answer and the request's audit rows: one statement, then COMMIT.
        const last = new StatementBatch(manager);
        last.add(this.store.completionInTransaction(claim.recordId, stored));
        this.trail.addPendingTo(last, manager.queryRunner);
        await last.flush();
        return { body, stored };
      });
      return answer.stored ? sentAsStored(reply, answer.body, answer.stored) : answer.body;
    } catch (error) {
      // The claim rolled back with the rest: a 4xx is still this request's answer.
      const problem = claimed ? toProblem(error) : undefined;
      if (problem && outcomeOfFailure(problem.status, error) === 'store') {
        // Not stored (the database failing as well): a retry runs again, as after a 5xx.
        await this.store
          .storeAnswer(claimFor, storedProblem(problem, request))
          .catch((failure: unknown) =>
            this.logger.warn({ err: failure }, 'could not store an idempotency answer'),
          );
      }
      throw error;
    }
  }

  private async run(
    claimFor: IdempotentRequest,
    next: CallHandler,
    request: IdempotentHttpRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const claim = await this.store.claim(claimFor);
    if (claim.kind === 'replay') return replayStoredResponse(claim.response, reply);
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.settleFailure(claim.recordId, error, request);
      throw error;
    }
    await this.settle(claim.recordId, 'complete', () =>
      this.store.complete(claim.recordId, storedSuccess(reply, body)),
    );
    return body;
  }

  private async settleFailure(
    recordId: string,
    error: unknown,
    request: IdempotentHttpRequest,
  ): Promise<void> {
    const problem = toProblem(error);
    if (outcomeOfFailure(problem.status, error) === 'release') {
      await this.settle(recordId, 'release', () => this.store.release(recordId));
    } else {
      await this.settle(recordId, 'complete', () =>
        this.store.complete(recordId, storedProblem(problem, request)),
      );
    }
  }

  /** The handler's answer goes out even when its record cannot be written: the key then stays
   *  in progress until its lock expires, as after a crash. */
  private async settle(recordId: string, step: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn({ err: error, recordId }, `could not ${step} an idempotency record`);
    }
  }
}

function idempotentRequest(
  operation: ContractOperation,
  request: IdempotentHttpRequest,
  key: string,
): IdempotentRequest {
  const path = requestPathOf(operation.path, request.params);
  return {
    consumerId: idempotencyConsumerOf(operation, request.user, request.ip),
    operationId: operation.operationId,
    key,
    method: operation.method.toUpperCase(),
    path,
    fingerprint: requestFingerprint({ method: operation.method, path, body: request.body }),
  };
}
