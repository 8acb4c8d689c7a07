import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@o2c/http';
import type { OrderStatus, ShipmentStatus } from '@o2c/persistence';
import { DataSource } from 'typeorm';
import { type InvoiceRow, presentInvoiceLink } from './shipment-detail.presenter';
import { LIVE_INVOICE } from './shipment-detail.reader';
import {
  type ShipmentVisibility,
  visibilityCondition,
  visibilityParameters,
} from './shipment-visibility';

interface OrderRow {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  customerId: string;
}

interface SummaryRow {
  id: string;
  shipmentNumber: string;
  externalShipmentId: string | null;
  status: ShipmentStatus;
  warehouseCode: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  lineCount: number;
}

const ORDER = `
  SELECT id, order_number AS "orderNumber", status, customer_id AS "customerId"
    FROM sales_orders WHERE id = $1`;

const SHIPMENTS = `
  SELECT s.id, s.shipment_number AS "shipmentNumber", s.external_shipment_id AS "externalShipmentId",
         s.status, w.code AS "warehouseCode", s.carrier, s.tracking_number AS "trackingNumber",
         s.shipped_at AS "shippedAt", s.delivered_at AS "deliveredAt",
         (SELECT count(*)::int FROM shipment_lines sl WHERE sl.shipment_id = s.id) AS "lineCount"
    FROM shipments s
    JOIN sales_orders o ON o.id = s.order_id
    JOIN warehouses w ON w.id = s.warehouse_id
   WHERE s.order_id = $1 AND ${visibilityCondition(2)}
   ORDER BY s.created_at, s.id`;

/**
 * An order's shipments. Account-bound principals see their accounts' orders; a warehouse or
 * carrier client sees the order only through shipments of its own (none: not found).
 */
@Injectable()
export class OrderShipmentsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(visibility: ShipmentVisibility, orderId: string) {
    const manager = this.dataSource.manager;
    const [order] = await manager.query<OrderRow[]>(ORDER, [orderId]);
    const bound = visibility.customerIds;
    if (!order || (bound !== null && !bound.includes(order.customerId))) {
      throw ProblemException.notFound('order', orderId);
    }
    const rows = await manager.query<SummaryRow[]>(SHIPMENTS, [
      orderId,
      ...visibilityParameters(visibility),
    ]);
    const partyBound = visibility.warehouseCodes !== null || visibility.carrier !== null;
    if (partyBound && rows.length === 0) throw ProblemException.notFound('order', orderId);
    const invoices = await manager.query<(InvoiceRow & { shipmentId: string })[]>(LIVE_INVOICE, [
      rows.map((row) => row.id),
    ]);
    const byShipment = new Map(invoices.map((invoice) => [invoice.shipmentId, invoice]));
    return {
      order: {
        id: order.id,
        orderNumber: order.orderNumber,
        status: order.status,
        href: `/process/v1/orders/${order.id}`,
      },
      shipments: rows.map((row) => ({
        id: row.id,
        shipmentNumber: row.shipmentNumber,
        warehouseShipmentId: row.externalShipmentId,
        status: row.status,
        warehouseCode: row.warehouseCode,
        carrier: row.carrier,
        trackingNumber: row.trackingNumber,
        shippedAt: row.shippedAt?.toISOString() ?? null,
        deliveredAt: row.deliveredAt?.toISOString() ?? null,
        lineCount: row.lineCount,
        invoice: presentInvoiceLink(byShipment.get(row.id)),
        href: `/process/v1/shipments/${row.id}`,
      })),
    };
  }
}
