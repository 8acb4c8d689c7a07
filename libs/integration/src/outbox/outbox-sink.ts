import type { FactoryProvider, Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One outbox message as the relay hands it to every sink. `id` is the stable message id: it
 *  travels on everything delivered (JetStream Nats-Msg-Id, webhook-id) so consumers de-duplicate
 *  the redeliveries that at-least-once delivery allows. */
export interface RelayedMessage {
  readonly id: string;
  /** Relay order across all aggregates (bigint as a string). */
  readonly sequence: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** e.g. 'order.released', 'invoice.issued'. */
  readonly eventType: string;
  readonly payload: Record<string, unknown>;
  /** e.g. correlation id, traceparent. */
  readonly headers: Record<string, string>;
  readonly createdAt: Date;
}

/**
 * Where relayed messages go. The relay calls `deliver` of every registered sink, message by
 * message in sequence order, inside the transaction that claimed the batch: a sink that writes
 * rows (webhook deliveries) writes them with `manager`, so they commit with the batch's
 * 'delivered' status or not at all; a sink that talks to another system (NATS) must be
 * idempotent on `message.id`. A thrown error rolls the whole batch back (every sink's writes
 * with it) and counts a failed attempt of that message: it is retried with backoff, every sink
 * again, and the rest of the batch goes again with the next poll.
 */
export interface OutboxSink {
  readonly name: string;
  deliver(message: RelayedMessage, manager: EntityManager): Promise<void>;
}

/**
 * Injection token of the sink list (`readonly OutboxSink[]`). Nest has no multi-providers, so the
 * app composes the list in one place: `OutboxRelayModule.forRoot({ imports, sinks })` provides it
 * with `outboxSinksProvider(...sinks)`, each sink being a provider exported by one of `imports`.
 */
export const OUTBOX_SINKS = Symbol('OUTBOX_SINKS');

/** Provides OUTBOX_SINKS as the given sink providers, in order. */
export function outboxSinksProvider(...sinks: ReadonlyArray<Type<OutboxSink>>): FactoryProvider {
  return {
    provide: OUTBOX_SINKS,
    useFactory: (...instances: OutboxSink[]): readonly OutboxSink[] => instances,
    inject: [...sinks],
  };
}

/** A delivery failure with a stable code for the exception queue (e.g. 'NATS_TIMEOUT').
 *  `permanent`: retrying cannot help (the message itself is unacceptable), so it goes to the
 *  exception queue at once. */
export class OutboxDeliveryError extends Error {
  readonly permanent: boolean;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown; permanent?: boolean },
  ) {
    super(message, options);
    this.name = 'OutboxDeliveryError';
    this.permanent = options?.permanent ?? false;
  }
}

/**
 * Thrown by a sink whose downstream is unreachable as a whole (the broker is down), as opposed
 * to this message failing: the relay stops the batch without counting an attempt, so an outage
 * delays messages instead of exhausting their retries into the exception queue.
 */
export class OutboxSinkUnavailableError extends Error {
  constructor(
    readonly sink: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboxSinkUnavailableError';
  }
}
