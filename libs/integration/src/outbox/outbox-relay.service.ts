import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { retryDelayMs } from '@o2c/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxMetrics } from '../metrics/outbox.metrics';
import { type ClaimedMessage, OutboxClaimRepository } from './outbox-claim.repository';
import { isConnectionLoss } from './connection-loss';
import { type FailureOutcome, OutboxOutcomeRepository } from './outbox-outcome.repository';
import { OUTBOX_RELAY_SETTINGS, type OutboxRelaySettings } from './outbox-relay.settings';
import {
  OUTBOX_SINKS,
  OutboxDeliveryError,
  type OutboxSink,
  OutboxSinkUnavailableError,
} from './outbox-sink';

export interface RelayBatchResult {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  /** A sink reported its downstream unreachable: nothing was recorded. */
  sinkUnavailable: boolean;
  /** Why, when `sinkUnavailable`. */
  unavailableReason?: string;
}

/** A sink failed on `message`: the batch's transaction is abandoned. */
class DeliveryAborted extends Error {
  constructor(
    readonly failed: ClaimedMessage,
    readonly sink: string,
    readonly reason: unknown,
  ) {
    super(`${sink}: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

const ERROR_CODE = /^[A-Z][A-Z0-9_.]*$/;

/**
 * Relays one batch of outbox messages to every sink in one transaction: claim (see
 * OutboxClaimRepository), deliver in sequence order, mark delivered. Within an aggregate
 * nothing is delivered past a message that is not yet due; the claim keeps other relays off
 * the aggregate meanwhile.
 *
 * Failures are rare, so the batch is all or nothing (no savepoint per message, which cost a
 * third of the throughput): when a sink fails, the transaction rolls back, taking every sink's
 * writes with it, and the failed attempt is recorded in a transaction of its own (retry with
 * backoff, or dead with an exception-queue entry once attempts are used up). The rest of the
 * batch goes again with the next poll, its aggregate waiting behind the failed message. A crash
 * before commit likewise leaves the batch pending: delivery is at least once, and every
 * delivery carries the message id for consumers to de-duplicate.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: OutboxClaimRepository,
    private readonly outcomes: OutboxOutcomeRepository,
    @Inject(OUTBOX_SINKS) private readonly sinks: readonly OutboxSink[],
    @Inject(OUTBOX_RELAY_SETTINGS) private readonly settings: OutboxRelaySettings,
    private readonly metrics: OutboxMetrics,
  ) {}

  get sinkNames(): string[] {
    return this.sinks.map((sink) => sink.name);
  }

  async relayBatch(): Promise<RelayBatchResult> {
    const started = performance.now();
    let claimed: ClaimedMessage[] = [];
    let delivered: ClaimedMessage[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        claimed = await this.claims.claim(manager, this.settings.batchSize);
        delivered = await this.deliverInOrder(manager, claimed);
        await this.outcomes.delivered(
          manager,
          delivered.map((message) => message.id),
        );
      });
    } catch (error) {
      if (!(error instanceof DeliveryAborted)) throw error;
      return this.afterAbort(error, claimed.length);
    }
    const now = Date.now();
    for (const message of delivered) this.metrics.delivered(now - message.createdAt.getTime());
    if (delivered.length > 0) this.metrics.batch(performance.now() - started);
    return { ...EMPTY, claimed: claimed.length, delivered: delivered.length };
  }

  /** Every sink, message by message; the aggregate of a message not yet due waits. */
  private async deliverInOrder(
    manager: EntityManager,
    claimed: readonly ClaimedMessage[],
  ): Promise<ClaimedMessage[]> {
    const delivered: ClaimedMessage[] = [];
    const waiting = new Set<string>();
    for (const message of claimed) {
      const aggregate = `${message.aggregateType}\u0000${message.aggregateId}`;
      if (waiting.has(aggregate) || !message.available) {
        waiting.add(aggregate);
        continue;
      }
      for (const sink of this.sinks) {
        try {
          await sink.deliver(message, manager);
        } catch (error) {
          // A lost connection fails the batch as a whole (the runner retries it), not the message.
          if (isConnectionLoss(error)) throw error;
          throw new DeliveryAborted(message, sink.name, error);
        }
      }
      delivered.push(message);
    }
    return delivered;
  }

  private async afterAbort(abort: DeliveryAborted, claimed: number): Promise<RelayBatchResult> {
    const { failed: message, sink, reason } = abort;
    if (reason instanceof OutboxSinkUnavailableError) {
      return { ...EMPTY, claimed, sinkUnavailable: true, unavailableReason: abort.message };
    }
    const outcome: FailureOutcome = await this.dataSource.transaction((manager) =>
      this.outcomes.failed(manager, {
        message,
        sink,
        errorCode: errorCodeOf(reason),
        error: abort.message,
        permanent: reason instanceof OutboxDeliveryError && reason.permanent,
        maxAttempts: this.settings.maxAttempts,
        retryDelayMs: (attempts) => retryDelayMs(attempts, this.settings.backoff, Math.random),
      }),
    );
    const context = { messageId: message.id, eventType: message.eventType, sink };
    if (outcome === 'dead') {
      this.metrics.failed('dead', sink);
      this.logger.error(context, `outbox message dead, in the exception queue: ${abort.message}`);
    } else if (outcome === 'retry') {
      this.metrics.failed('retry', sink);
      this.logger.warn(context, `outbox delivery failed, retried with backoff: ${abort.message}`);
    }
    return {
      ...EMPTY,
      claimed,
      retried: outcome === 'retry' ? 1 : 0,
      dead: outcome === 'dead' ? 1 : 0,
    };
  }
}

const EMPTY: RelayBatchResult = {
  claimed: 0,
  delivered: 0,
  retried: 0,
  dead: 0,
  sinkUnavailable: false,
};

/** The sink's own code when it gave one, else a generic one. */
function errorCodeOf(error: unknown): string {
  if (error instanceof OutboxDeliveryError && ERROR_CODE.test(error.code)) return error.code;
  return 'DELIVERY_FAILED';
}
