import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { IntegrationException } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import {
  type ExceptionReplayHandler,
  ExceptionReplayRegistry,
  type ReplayOutcome,
  ReplayRefusedError,
} from './exception-replay.registry';

/** A dead message goes back to the relay as it was: same id, every sink again. */
const REQUEUE = `
  UPDATE outbox_messages
     SET status = 'pending', available_at = now(), attempts = 0, last_error = NULL
   WHERE id = $1 AND status = 'dead'
  RETURNING id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Replays outbox messages the relay gave up on (source 'outbox:<sink>'): the message is
 * relayed again with the same id, so JetStream de-duplicates what it already stored and each
 * webhook subscription gets at most one delivery of it.
 */
@Injectable()
export class OutboxMessageReplayHandler implements ExceptionReplayHandler, OnModuleInit {
  readonly kind = 'outbound_delivery' as const;
  readonly source = 'outbox:';

  constructor(private readonly registry: ExceptionReplayRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async replay(exception: IntegrationException, manager: EntityManager): Promise<ReplayOutcome> {
    const id = exception.reference;
    if (id === null || !UUID.test(id))
      throw new ReplayRefusedError('MESSAGE_UNKNOWN', 'the exception names no outbox message');
    const [requeued] = await manager.query<[{ id: string }[], number]>(REQUEUE, [id]);
    if (requeued.length > 0)
      return { outcome: 'requeued', detail: `outbox message ${id} is queued for the relay again` };
    const [current] = await manager.query<{ status: string }[]>(
      'SELECT status FROM outbox_messages WHERE id = $1',
      [id],
    );
    if (!current)
      throw new ReplayRefusedError('MESSAGE_GONE', `outbox message ${id} no longer exists`);
    if (current.status === 'delivered')
      return { outcome: 'processed', detail: `outbox message ${id} was delivered since` };
    return { outcome: 'requeued', detail: `outbox message ${id} is already waiting for the relay` };
  }
}
