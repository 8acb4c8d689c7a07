import { Injectable } from '@nestjs/common';
import { decideShipmentEvent, isCarrierEvent, parkedEventsInOrder } from '@o2c/domain';
import type { Shipment, ShipmentEvent } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { InboundEventsRepository } from '../persistence/inbound-events.repository';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';
import { applyCarrierScan } from './carrier-scan';
import type { ShipmentEventOutcome } from './shipment-event.outcome';
import type { ShipmentJournal, ShippedOrder } from './shipment-journal';

/**
 * Once a shipment is confirmed, the carrier scans that waited for it are applied in the order
 * they happened (the same rules as scans arriving now: a scan older than the newest applied
 * one is kept as history). Their senders were answered 'parked' already; the shipment's
 * history and the inbox record what became of them.
 */
@Injectable()
export class ParkedEventsStep {
  constructor(
    private readonly records: ShipmentRecordsRepository,
    private readonly inbox: InboundEventsRepository,
  ) {}

  async applyWaiting(
    manager: EntityManager,
    shipment: Shipment,
    order: ShippedOrder,
    journal: ShipmentJournal,
  ): Promise<ShipmentEventOutcome['parkedEventsApplied']> {
    const parked = await this.records.lockParkedFor(manager, shipment);
    if (parked.length === 0) return [];
    const ordered = parkedEventsInOrder(
      parked.map((event) => ({
        event,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
      })),
    );
    const now = new Date();
    const settled: ShipmentEvent[] = [];
    // Scans parked on the shipment by another carrier than the one it left with stay parked.
    for (const { event } of ordered.filter((entry) => entry.event.carrier === shipment.carrier)) {
      const decision = decideShipmentEvent(
        { status: shipment.status, lastEventAt: shipment.lastEventAt?.toISOString() ?? null },
        { type: event.type, occurredAt: event.occurredAt.toISOString() },
      );
      if (
        !isCarrierEvent(event.type) ||
        (decision.action !== 'apply' && decision.action !== 'stale')
      ) {
        continue;
      }
      event.shipmentId = shipment.id;
      if (decision.action === 'apply') {
        applyCarrierScan(
          shipment,
          order,
          {
            type: event.type,
            occurredAt: event.occurredAt,
            eventId: event.externalEventId,
            detail: event.detail,
          },
          journal,
        );
        event.status = 'applied';
        event.appliedAt = now;
      } else {
        event.status = 'stale';
        event.detail = { ...event.detail, reason: decision.reason };
      }
      settled.push(event);
    }
    await this.records.saveEvents(manager, settled);
    const applied = settled.filter((event) => event.status === 'applied');
    await this.inbox.settle(
      manager,
      applied.map((event) => event.inboundEventId),
      'processed',
    );
    await this.inbox.settle(
      manager,
      settled.filter((event) => event.status === 'stale').map((event) => event.inboundEventId),
      'ignored',
    );
    return settled.map((event) => ({
      eventId: event.externalEventId,
      type: event.type,
      status: event.status,
    }));
  }
}
