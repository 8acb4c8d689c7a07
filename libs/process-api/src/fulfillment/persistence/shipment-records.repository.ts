import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SalesOrder, Shipment, ShipmentEvent, ShipmentLine } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { insertRows } from '../../orders/persistence/insert-rows';

const NEXT_SHIPMENT_NUMBER = `SELECT 'SH' || lpad(nextval('shipment_number_seq')::text, 9, '0') AS number`;

/** Carrier events and shipment confirmations of one tracking number take turns: a scan can
 *  never park itself while the confirmation that would apply it is looking for parked scans. */
const LOCK_TRACKING = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`;

/**
 * Shipments, their lines and their event history, written through the ORM so the audit
 * subscriber records each row in the command's transaction.
 */
@Injectable()
export class ShipmentRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async nextShipmentNumber(manager: EntityManager): Promise<string> {
    const [row] = await manager.query<{ number: string }[]>(NEXT_SHIPMENT_NUMBER);
    if (!row) throw new Error('the shipment number sequence gave no number');
    return row.number;
  }

  async lockTracking(manager: EntityManager, carrier: string, trackingNumber: string) {
    await manager.query(LOCK_TRACKING, [`shipment-tracking:${carrier}:${trackingNumber}`]);
  }

  /** The shipment a warehouse system numbered so, locked for the rest of the transaction. */
  lockByWarehouseReference(
    manager: EntityManager,
    warehouseId: string,
    externalShipmentId: string,
  ): Promise<Shipment | null> {
    return manager.findOne(Shipment, {
      where: { warehouseId, externalShipmentId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockByNumber(manager: EntityManager, shipmentNumber: string): Promise<Shipment | null> {
    return manager.findOne(Shipment, {
      where: { shipmentNumber },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Shipments with this tracking number (normally one), locked. */
  lockByTracking(manager: EntityManager, trackingNumber: string): Promise<Shipment[]> {
    return manager.find(Shipment, {
      where: { trackingNumber },
      order: { createdAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Parked events waiting for this shipment: named by it, or by its carrier and tracking. */
  lockParkedFor(manager: EntityManager, shipment: Shipment): Promise<ShipmentEvent[]> {
    const builder = manager
      .getRepository(ShipmentEvent)
      .createQueryBuilder('event')
      .setLock('pessimistic_write')
      .where("event.status = 'parked'")
      .andWhere(
        shipment.carrier !== null && shipment.trackingNumber !== null
          ? '(event.shipmentId = :id OR (event.carrier = :carrier AND event.trackingNumber = :tracking))'
          : 'event.shipmentId = :id',
        { id: shipment.id, carrier: shipment.carrier, tracking: shipment.trackingNumber },
      )
      .orderBy('event.occurredAt', 'ASC')
      .addOrderBy('event.createdAt', 'ASC');
    return builder.getMany();
  }

  insertShipment(manager: EntityManager, shipment: Shipment): Promise<void> {
    return insertRows(manager, Shipment, [shipment]);
  }

  async saveShipment(manager: EntityManager, shipment: Shipment): Promise<void> {
    await manager.save(shipment);
  }

  insertLines(manager: EntityManager, lines: ShipmentLine[]): Promise<void> {
    return insertRows(manager, ShipmentLine, lines);
  }

  async saveEvents(manager: EntityManager, events: ShipmentEvent[]): Promise<void> {
    if (events.length > 0) await manager.save(events);
  }

  /** The order a shipment ships, as its messages name it. */
  shippedOrder(manager: EntityManager, orderId: string): Promise<SalesOrder> {
    return manager.findOneOrFail(SalesOrder, {
      where: { id: orderId },
      select: { id: true, orderNumber: true, customerId: true, externalPoNumber: true },
    });
  }

  /** Confirmed shipments of the order, other than this one, that have no live invoice. */
  async uninvoicedShipments(
    manager: EntityManager,
    orderId: string,
    exceptShipmentId: string,
  ): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM shipments s
        WHERE s.order_id = $1 AND s.id <> $2 AND s.shipped_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.billed_shipment_id = s.id)`,
      [orderId, exceptShipmentId],
    );
    return row?.count ?? 0;
  }
}
