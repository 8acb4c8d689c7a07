import type { PublishedEventType } from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import type { RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { FlowActor } from '../../orders/flow/flow-actor';
import type {
  ShipmentEventLogRow,
  ShipmentLogRepository,
  ShipmentOutboxRow,
} from '../persistence/shipment-log.repository';

/** The order a shipment ships, as every shipment message names it. */
export interface ShippedOrder {
  id: string;
  orderNumber: string;
  customerId: string;
  externalPoNumber: string | null;
}

/**
 * What one command did to shipments, collected as it goes and written once, in the command's
 * transaction: process events (dated when they happened at the source) and outbox messages.
 */
export class ShipmentJournal {
  private readonly events: ShipmentEventLogRow[] = [];
  private readonly messages: ShipmentOutboxRow[] = [];
  private readonly correlationId = currentAuditContext()?.correlationId ?? null;

  constructor(readonly actor: FlowActor) {}

  record(
    shipmentId: string,
    activity: string,
    occurredAt: Date,
    details: {
      reason?: string | null;
      data?: Record<string, unknown>;
      related?: RelatedObject[];
    } = {},
  ): void {
    this.events.push({
      shipmentId,
      activity,
      occurredAt: occurredAt.toISOString(),
      actor: this.actor.principal,
      reason: details.reason ?? null,
      data: details.data ?? {},
      relatedObjects: details.related ?? [],
      correlationId: this.correlationId,
    });
  }

  /**
   * Every message names the order and its customer account: webhook subscriptions bound to an
   * account receive the events whose `customerId` is theirs.
   */
  publish(
    shipmentId: string,
    order: ShippedOrder,
    eventType: PublishedEventType,
    payload: Record<string, unknown>,
  ): void {
    this.messages.push({
      shipmentId,
      eventType,
      payload: {
        eventType,
        shipmentId,
        orderId: order.id,
        orderNumber: order.orderNumber,
        customerId: order.customerId,
        externalPoNumber: order.externalPoNumber,
        ...payload,
      },
      headers: this.correlationId === null ? {} : { correlationId: this.correlationId },
    });
  }

  flush(manager: EntityManager, log: ShipmentLogRepository): Promise<void> {
    return log.append(manager, this.events.splice(0), this.messages.splice(0));
  }
}
