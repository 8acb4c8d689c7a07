import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@o2c/http';
import { DataSource, type EntityManager } from 'typeorm';
import { FulfillmentErrorCode, mapFulfillmentError } from '../fulfillment.errors';
import {
  presentShipNotice,
  type ShipNoticeHeaderRow,
  type ShipNoticeLineRow,
  type ShipNoticeView,
} from './ship-notice.presenter';
import {
  type ShipmentVisibility,
  visibilityCondition,
  visibilityParameters,
} from './shipment-visibility';

const HEADER = `
  SELECT s.id, s.shipment_number AS "shipmentNumber", s.external_shipment_id AS "externalShipmentId",
         s.shipped_at AS "shippedAt", s.carrier, s.service_level AS "serviceLevel",
         s.tracking_number AS "trackingNumber", o.id AS "orderId", o.order_number AS "orderNumber",
         o.external_po_number AS "externalPoNumber", o.customer_id AS "customerId",
         c.customer_number AS "customerNumber", w.id AS "warehouseId", w.code AS "warehouseCode",
         w.name AS "warehouseName", w.address AS "warehouseAddress", st.id AS "shipToId",
         st.code AS "shipToCode", st.name AS "shipToName", st.address AS "shipToAddress",
         COALESCE((
           SELECT json_agg(json_build_object(
                    'orderLineId', sl.order_line_id, 'lineNumber', ol.line_number, 'sku', i.sku,
                    'description', i.description, 'baseUom', i.base_uom,
                    'customerItemNumber', ol.customer_item_number,
                    'baseQuantity', ol.base_quantity::text, 'quantity', sl.quantity::text,
                    'lot', sl.lot, 'serial', sl.serial, 'packageId', sl.package_id)
                  ORDER BY sl.package_id NULLS LAST, ol.line_number, sl.lot NULLS FIRST, sl.serial, sl.id)
             FROM shipment_lines sl
             JOIN sales_order_lines ol ON ol.id = sl.order_line_id
             JOIN items i ON i.id = ol.item_id
            WHERE sl.shipment_id = s.id), '[]'::json) AS lines
    FROM shipments s
    JOIN sales_orders o ON o.id = s.order_id
    JOIN customers c ON c.id = o.customer_id
    JOIN warehouses w ON w.id = s.warehouse_id
    LEFT JOIN customer_ship_tos st ON st.id = o.ship_to_id
   WHERE s.id = $1 AND ${visibilityCondition(2)}`;

const EVERYONE: ShipmentVisibility = { customerIds: null, warehouseCodes: null, carrier: null };

/**
 * The advance ship notice, built from the stored shipment in one query: the same document the outbox
 * carried when the shipment was confirmed, and GET .../ship-notice answers.
 */
@Injectable()
export class ShipNoticeReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(visibility: ShipmentVisibility, shipmentId: string): Promise<ShipNoticeView> {
    return this.build(this.dataSource.manager, visibility, shipmentId);
  }

  /** Inside the confirming transaction, on its connection. */
  inTransaction(manager: EntityManager, shipmentId: string): Promise<ShipNoticeView> {
    return this.build(manager, EVERYONE, shipmentId);
  }

  private async build(
    manager: EntityManager,
    visibility: ShipmentVisibility,
    shipmentId: string,
  ): Promise<ShipNoticeView> {
    const [header] = await manager.query<(ShipNoticeHeaderRow & { lines: ShipNoticeLineRow[] })[]>(
      HEADER,
      [shipmentId, ...visibilityParameters(visibility)],
    );
    if (!header) throw ProblemException.notFound('shipment', shipmentId);
    const { shippedAt } = header;
    if (shippedAt === null) {
      const code = FulfillmentErrorCode.NOT_SHIPPED;
      throw new ProblemException(
        code,
        `Shipment ${header.shipmentNumber} is not confirmed as shipped yet: its notice follows the shipped event`,
        [],
        mapFulfillmentError(code),
      );
    }
    return presentShipNotice({ ...header, shippedAt }, header.lines);
  }
}
