import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The shipment to invoice, with what billing needs of its order, customer and ship-to. */
export interface ShipmentToBill {
  shipmentId: string;
  shipmentNumber: string;
  shippedAt: Date | null;
  freight: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  warehouseId: string;
  orderId: string;
  orderNumber: string;
  externalPoNumber: string | null;
  currency: string;
  customerId: string;
  paymentTerms: string;
  shipToRegion: string | null;
}

/** One shipment line with its order line's unit, price and item units. */
export interface ShippedLineRow {
  orderLineId: string;
  /** The order the line belongs to: must be the shipment's. */
  orderId: string;
  lineNumber: number;
  itemId: string;
  uom: string;
  unitPrice: string;
  baseUom: string;
  conversions: { uom: string; toBase: string }[];
  /** Base units on this shipment line. */
  quantity: string;
}

/** Per order line: base units on confirmed shipments, and quantity (in the line's unit) billed. */
export interface OrderLineBillingRow {
  orderLineId: string;
  shippedBase: string;
  invoicedQuantity: string;
}

const SHIPMENT = `
  SELECT s.id AS "shipmentId", s.shipment_number AS "shipmentNumber", s.shipped_at AS "shippedAt",
         s.freight::text AS freight, s.carrier, s.tracking_number AS "trackingNumber",
         s.warehouse_id AS "warehouseId", o.id AS "orderId", o.order_number AS "orderNumber",
         o.external_po_number AS "externalPoNumber", o.currency, o.customer_id AS "customerId",
         c.payment_terms AS "paymentTerms", st.region AS "shipToRegion"
    FROM shipments s
    JOIN sales_orders o ON o.id = s.order_id
    JOIN customers c ON c.id = o.customer_id
    LEFT JOIN customer_ship_tos st ON st.id = o.ship_to_id
   WHERE s.id = $1`;

const SHIPPED_LINES = `
  SELECT sl.order_line_id AS "orderLineId", ol.order_id AS "orderId",
         ol.line_number AS "lineNumber", ol.item_id AS "itemId", ol.uom,
         ol.unit_price::text AS "unitPrice", i.base_uom AS "baseUom",
         COALESCE((SELECT json_agg(json_build_object('uom', c.uom, 'toBase', c.to_base::text))
                     FROM item_uom_conversions c WHERE c.item_id = ol.item_id), '[]') AS conversions,
         sl.quantity::text AS quantity
    FROM shipment_lines sl
    JOIN sales_order_lines ol ON ol.id = sl.order_line_id
    JOIN items i ON i.id = ol.item_id
   WHERE sl.shipment_id = $1
   ORDER BY ol.line_number, sl.id`;

/** A shipment counts as confirmed once it has a shipped time; void invoices bill nothing. */
const BILLING_SO_FAR = `
  SELECT ol.id AS "orderLineId",
         (SELECT COALESCE(SUM(sl.quantity), 0) FROM shipment_lines sl
            JOIN shipments s ON s.id = sl.shipment_id
           WHERE sl.order_line_id = ol.id AND s.shipped_at IS NOT NULL)::text AS "shippedBase",
         (SELECT COALESCE(SUM(il.quantity), 0) FROM invoice_lines il
            JOIN invoices inv ON inv.id = il.invoice_id
           WHERE il.order_line_id = ol.id AND inv.status <> 'void')::text AS "invoicedQuantity"
    FROM sales_order_lines ol
   WHERE ol.id = ANY($1::uuid[])`;

/** Reads for invoicing a shipment, inside the shipment's transaction. */
@Injectable()
export class ShipmentBillingRepository {
  async shipment(manager: EntityManager, shipmentId: string): Promise<ShipmentToBill | undefined> {
    const rows = await manager.query<ShipmentToBill[]>(SHIPMENT, [shipmentId]);
    return rows[0];
  }

  async shippedLines(manager: EntityManager, shipmentId: string): Promise<ShippedLineRow[]> {
    return manager.query<ShippedLineRow[]>(SHIPPED_LINES, [shipmentId]);
  }

  async billingSoFar(
    manager: EntityManager,
    orderLineIds: string[],
  ): Promise<OrderLineBillingRow[]> {
    return manager.query<OrderLineBillingRow[]>(BILLING_SO_FAR, [orderLineIds]);
  }

  /** True when a live invoice already bills this shipment. */
  async alreadyInvoiced(manager: EntityManager, shipmentId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM invoices WHERE billed_shipment_id = $1 LIMIT 1`,
      [shipmentId],
    );
    return rows.length > 0;
  }
}
