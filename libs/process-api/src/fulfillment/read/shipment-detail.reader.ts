import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@o2c/http';
import { DataSource } from 'typeorm';
import {
  type InvoiceRow,
  presentShipmentDetail,
  type ShipmentDetailView,
  type ShipmentEventRow,
  type ShipmentHeaderRow,
  type ShipmentLineRow,
} from './shipment-detail.presenter';
import {
  type ShipmentVisibility,
  visibilityCondition,
  visibilityParameters,
} from './shipment-visibility';

export const SHIPMENT_HEADER_COLUMNS = `
  s.id, s.shipment_number AS "shipmentNumber", s.external_shipment_id AS "externalShipmentId",
  s.status, o.id AS "orderId", o.order_number AS "orderNumber", o.status AS "orderStatus",
  o.customer_id AS "customerId", o.currency, w.id AS "warehouseId", w.code AS "warehouseCode",
  s.carrier, s.service_level AS "serviceLevel", s.tracking_number AS "trackingNumber",
  s.shipped_at AS "shippedAt", s.delivered_at AS "deliveredAt", s.last_event_at AS "lastEventAt",
  s.freight::text AS freight, s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

const HEADER = `
  SELECT ${SHIPMENT_HEADER_COLUMNS}
    FROM shipments s
    JOIN sales_orders o ON o.id = s.order_id
    JOIN warehouses w ON w.id = s.warehouse_id
   WHERE s.id = $1 AND ${visibilityCondition(2)}`;

const LINES = `
  SELECT sl.id, sl.order_line_id AS "orderLineId", ol.line_number AS "lineNumber",
         i.id AS "itemId", i.sku, i.description, i.base_uom AS "baseUom",
         sl.quantity::text AS quantity, sl.lot, sl.serial, sl.package_id AS "packageId",
         sl.allocation_id AS "allocationId"
    FROM shipment_lines sl
    JOIN sales_order_lines ol ON ol.id = sl.order_line_id
    JOIN items i ON i.id = ol.item_id
   WHERE sl.shipment_id = $1
   ORDER BY ol.line_number, sl.package_id NULLS LAST, sl.lot NULLS FIRST, sl.serial, sl.id`;

export const EVENT_COLUMNS = `
  e.id, e.external_event_id AS "eventId", e.type, e.status, e.occurred_at AS "occurredAt",
  e.created_at AS "receivedAt", e.source, e.shipment_id AS "shipmentId", e.detail`;

const EVENTS = `
  SELECT ${EVENT_COLUMNS} FROM shipment_events e
   WHERE e.shipment_id = $1
   ORDER BY e.occurred_at, e.created_at, e.id`;

export const LIVE_INVOICE = `
  SELECT id, series, invoice_number::text AS "invoiceNumber", total::text AS total, currency,
         shipment_id AS "shipmentId"
    FROM invoices WHERE billed_shipment_id = ANY($1::uuid[])`;

/** A shipment with its lines, every event received for it and its invoice; a shipment the
 *  principal may not see is not found. */
@Injectable()
export class ShipmentDetailReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(visibility: ShipmentVisibility, shipmentId: string): Promise<ShipmentDetailView> {
    const manager = this.dataSource.manager;
    const [header] = await manager.query<ShipmentHeaderRow[]>(HEADER, [
      shipmentId,
      ...visibilityParameters(visibility),
    ]);
    if (!header) throw ProblemException.notFound('shipment', shipmentId);
    const [lines, events, invoices] = await Promise.all([
      manager.query<ShipmentLineRow[]>(LINES, [shipmentId]),
      manager.query<ShipmentEventRow[]>(EVENTS, [shipmentId]),
      manager.query<InvoiceRow[]>(LIVE_INVOICE, [[shipmentId]]),
    ]);
    return presentShipmentDetail(header, lines, events, invoices[0]);
  }
}
