import { Injectable } from '@nestjs/common';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { ShipmentEvent } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { InboxStatus } from './inbound-events.repository';

/**
 * The history row and the inbox row's status in one statement: a shipped event writes them
 * after its invoice, while the invoice number series is locked, so every round trip saved there
 * is throughput for all senders. Raw SQL passes by the audit subscriber; the row is audited here.
 */
const INSERT_AND_SETTLE = `
  WITH settled AS (
    UPDATE inbound_events
       SET status = $13, processed_at = CASE WHEN $13 = 'received' THEN NULL ELSE now() END
     WHERE id = $2
  )
  INSERT INTO shipment_events (id, inbound_event_id, external_event_id, shipment_id, type,
    occurred_at, source, carrier, tracking_number, status, detail, outcome, applied_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb,
          CASE WHEN $10 = 'applied' THEN now() END)
  RETURNING version, created_at AS "createdAt", updated_at AS "updatedAt", applied_at AS "appliedAt"`;

@Injectable()
export class ShipmentHistoryRepository {
  constructor(private readonly audit: AuditTrail) {}

  async append(manager: EntityManager, event: ShipmentEvent, inbox: InboxStatus): Promise<void> {
    const [written] = await manager.query<
      { version: number; createdAt: Date; updatedAt: Date; appliedAt: Date | null }[]
    >(INSERT_AND_SETTLE, [
      event.id,
      event.inboundEventId,
      event.externalEventId,
      event.shipmentId,
      event.type,
      event.occurredAt,
      event.source,
      event.carrier,
      event.trackingNumber,
      event.status,
      JSON.stringify(event.detail),
      JSON.stringify(event.outcome),
      inbox,
    ]);
    if (!written || !this.audit.isRecording()) return;
    await this.audit.record(manager, {
      objectType: 'shipment_events',
      objectId: event.id,
      before: null,
      after: auditImage({
        id: event.id,
        version: written.version,
        createdAt: written.createdAt,
        updatedAt: written.updatedAt,
        inboundEventId: event.inboundEventId,
        externalEventId: event.externalEventId,
        shipmentId: event.shipmentId,
        type: event.type,
        occurredAt: event.occurredAt,
        source: event.source,
        carrier: event.carrier,
        trackingNumber: event.trackingNumber,
        status: event.status,
        detail: event.detail,
        outcome: event.outcome,
        appliedAt: written.appliedAt,
      }),
    });
  }
}
