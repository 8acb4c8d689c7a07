import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ShipmentEvent, type ShipmentEventStatus } from '@o2c/persistence';
import type { InboxStatus } from '../persistence/inbound-events.repository';
import { ShipmentHistoryRepository } from '../persistence/shipment-history.repository';
import { type EventContext, eventDetail } from './event-context';
import type { ShipmentEventOutcome } from './shipment-event.outcome';

export function inboxStatusOf(status: ShipmentEventStatus): InboxStatus {
  switch (status) {
    case 'applied':
      return 'processed';
    case 'parked':
      return 'received';
    case 'stale':
      return 'ignored';
  }
}

/**
 * Writes what an event did into the shipment's history, with the answer the sender gets (a
 * re-delivery is answered from it), and settles the inbox row.
 */
@Injectable()
export class ShipmentHistoryWriter {
  constructor(private readonly history: ShipmentHistoryRepository) {}

  async write(
    context: EventContext,
    entry: {
      shipmentId: string | null;
      status: ShipmentEventStatus;
      carrier: string | null;
      trackingNumber: string | null;
      outcome: ShipmentEventOutcome;
    },
  ): Promise<void> {
    const { manager, body } = context;
    const event = manager.create(ShipmentEvent, {
      id: randomUUID(),
      inboundEventId: context.inboundEventId,
      externalEventId: body.eventId,
      shipmentId: entry.shipmentId,
      type: body.type,
      occurredAt: context.occurredAt,
      source: context.sender.source,
      carrier: entry.carrier,
      trackingNumber: entry.trackingNumber,
      status: entry.status,
      detail: {
        ...eventDetail(body),
        ...(entry.outcome.reason ? { reason: entry.outcome.reason } : {}),
      },
      outcome: { ...entry.outcome },
    });
    await this.history.append(manager, event, inboxStatusOf(entry.status));
  }
}
