import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProblemException } from '@o2c/http';
import { IntegrationException } from '@o2c/persistence';
import { DataSource } from 'typeorm';
import { insertRows } from '../../orders/persistence/insert-rows';
import type { ShipmentEventBody } from '../shipment-event.contract';
import { type EventSender, senderSnapshot } from './shipment-event.sender';

/**
 * Puts a refused shipment event in the integration exception queue, in its own transaction
 * after the event's rolled back: operations see what the warehouse or carrier reported and why
 * it could not be applied. A re-delivery refused for the same reason joins the open entry
 * instead of opening another.
 */
@Injectable()
export class ExceptionQueueWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(sender: EventSender, body: ShipmentEventBody, problem: ProblemException): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      // Concurrent re-deliveries of one event take turns, so they share one entry.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `shipment-event-exception:${sender.source}:${body.eventId}`,
      ]);
      const open = await manager.findOne(IntegrationException, {
        where: {
          kind: 'inbound_event',
          source: sender.source,
          reference: body.eventId,
          errorCode: problem.code,
          status: 'open',
        },
        lock: { mode: 'pessimistic_write' },
      });
      const payload = { event: body, errors: problem.errors, sender: senderSnapshot(sender) };
      if (open) {
        open.payload = payload;
        open.errorDetail = problem.message;
        await manager.save(open);
        return open.id;
      }
      const entry = manager.create(IntegrationException, {
        id: randomUUID(),
        kind: 'inbound_event',
        source: sender.source,
        partner: sender.partner,
        eventType: `shipment.${body.type}`,
        reference: body.eventId,
        errorCode: problem.code,
        errorDetail: problem.message,
        payload,
        status: 'open',
        replayCount: 0,
        resolvedAt: null,
        resolvedBy: null,
        resolutionReason: null,
      });
      await insertRows(manager, IntegrationException, [entry]);
      return entry.id;
    });
  }
}
