import { Injectable, Module } from '@nestjs/common';
import {
  OutboxDeliveryError,
  type OutboxSink,
  OutboxSinkUnavailableError,
  type RelayedMessage,
} from '@o2c/integration';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';

export interface RecordedDelivery {
  id: string;
  aggregateId: string;
  sequence: number;
  relay: string;
}

/**
 * What every relay's recording sink saw, shared by the relays of one test: deliveries in
 * call order, failures to inject, and the ordering violations observed. A delivery violates
 * the per-aggregate order when, seen from outside any relay's transaction, an earlier message
 * of its aggregate is still pending or failed, other than those this relay delivered in its
 * current (uncommitted) batch.
 */
export class DeliveryJournal {
  readonly deliveries: RecordedDelivery[] = [];
  readonly violations: string[] = [];
  readonly attempts = new Map<string, number>();
  /** Message id -> failures still to inject; 'permanent' fails for good, 'unavailable' as
   *  an unreachable downstream would. */
  readonly failures = new Map<string, number | 'permanent' | 'unavailable'>();
  private readonly batch = new Map<string, Set<string>>();

  constructor(
    private readonly observer: Pool,
    private readonly pauseMs = 0,
  ) {}

  /** Call after each relayBatch() resolved: its deliveries are committed. */
  batchEnded(relay: string): void {
    this.batch.get(relay)?.clear();
  }

  async deliver(relay: string, message: RelayedMessage, manager: EntityManager): Promise<void> {
    this.attempts.set(message.id, (this.attempts.get(message.id) ?? 0) + 1);
    const mine = this.batch.get(relay) ?? new Set<string>();
    this.batch.set(relay, mine);
    const { rows } = await this.observer.query<{ id: string }>(
      `SELECT id FROM outbox_messages
        WHERE aggregate_type = $1 AND aggregate_id = $2 AND sequence < $3
          AND status IN ('pending', 'failed')`,
      [message.aggregateType, message.aggregateId, message.sequence],
    );
    const ahead = rows.filter((row) => !mine.has(row.id));
    if (ahead.length > 0) {
      this.violations.push(
        `${relay} delivered ${message.aggregateId}#${message.sequence} while ${ahead.length} earlier message(s) were undelivered`,
      );
    }
    // The sink writes in the relay's transaction, as the webhook fan-out does.
    await manager.query('INSERT INTO sink_writes (message_id) VALUES ($1)', [message.id]);
    if (this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    const failure = this.failures.get(message.id);
    if (failure === 'unavailable') {
      throw new OutboxSinkUnavailableError('recording', 'downstream unreachable');
    }
    if (failure === 'permanent') {
      throw new OutboxDeliveryError('TEST_REJECTED', 'refused for good', { permanent: true });
    }
    if (failure !== undefined && failure > 0) {
      this.failures.set(message.id, failure - 1);
      throw new OutboxDeliveryError('TEST_DOWNSTREAM_500', 'downstream answered 500');
    }
    mine.add(message.id);
    this.deliveries.push({
      id: message.id,
      aggregateId: message.aggregateId,
      sequence: Number(message.sequence),
      relay,
    });
  }
}

/** A sink that records into a DeliveryJournal; `attach` names the relay it belongs to. */
@Injectable()
export class RecordingSink implements OutboxSink {
  readonly name = 'recording';
  private relay = '';
  private journal: DeliveryJournal | undefined;

  attach(relay: string, journal: DeliveryJournal): void {
    this.relay = relay;
    this.journal = journal;
  }

  deliver(message: RelayedMessage, manager: EntityManager): Promise<void> {
    if (!this.journal) throw new Error('RecordingSink not attached');
    return this.journal.deliver(this.relay, message, manager);
  }
}

@Module({ providers: [RecordingSink], exports: [RecordingSink] })
export class RecordingSinkModule {}

/** The table the recording sink writes to, in the relay's transaction. */
export const SINK_WRITES_TABLE = 'CREATE TABLE sink_writes (message_id uuid NOT NULL)';
