import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import type { PostalAddress } from '@o2c/persistence';
import type { DataSource } from 'typeorm';

/** Everything an X12 810 prints about one invoice, from the invoice and the records it bills. */
export interface InvoiceDocumentHeader {
  id: string;
  series: string;
  invoiceNumber: string;
  status: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  paymentTerms: string;
  discountDeadline: string | null;
  discountPercent: string;
  subtotal: string;
  taxTotal: string;
  freight: string;
  total: string;
  amountCredited: string;
  openBalance: string;
  taxRegion: string | null;
  version: number;
  customerId: string;
  customerNumber: string;
  customerName: string;
  billTo: PostalAddress;
  orderId: string;
  orderNumber: string;
  externalPoNumber: string | null;
  orderDate: string;
  shipToCode: string | null;
  shipToName: string | null;
  shipToAddress: PostalAddress | null;
  shipmentNumber: string | null;
  shippedAt: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
  warehouseCode: string | null;
  warehouseName: string | null;
  warehouseAddress: PostalAddress | null;
}

export interface InvoiceDocumentLine {
  lineNumber: number;
  orderLineNumber: number;
  quantity: string;
  uom: string;
  unitPrice: string;
  lineNet: string;
  tax: string;
  lineTotal: string;
  taxRatePercent: string;
  sku: string;
  description: string;
  customerItemNumber: string | null;
}

const HEADER = `
  SELECT i.id, i.series, i.invoice_number::text AS "invoiceNumber", i.status, i.currency,
         i.issue_date::text AS "issueDate", i.due_date::text AS "dueDate",
         i.payment_terms AS "paymentTerms", i.discount_deadline::text AS "discountDeadline",
         i.discount_percent::text AS "discountPercent", i.subtotal::text AS subtotal,
         i.tax_total::text AS "taxTotal", i.freight::text AS freight, i.total::text AS total,
         i.amount_credited::text AS "amountCredited", i.open_balance::text AS "openBalance",
         i.tax_region AS "taxRegion", i.version,
         c.id AS "customerId", c.customer_number AS "customerNumber", c.name AS "customerName",
         c.bill_to AS "billTo", o.id AS "orderId", o.order_number AS "orderNumber",
         o.external_po_number AS "externalPoNumber",
         to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "orderDate",
         st.code AS "shipToCode", st.name AS "shipToName", st.address AS "shipToAddress",
         s.shipment_number AS "shipmentNumber", s.shipped_at AS "shippedAt", s.carrier,
         s.tracking_number AS "trackingNumber", w.code AS "warehouseCode",
         w.name AS "warehouseName", w.address AS "warehouseAddress"
    FROM invoices i
    JOIN customers c ON c.id = i.customer_id
    JOIN sales_orders o ON o.id = i.order_id
    LEFT JOIN customer_ship_tos st ON st.id = o.ship_to_id
    LEFT JOIN shipments s ON s.id = i.shipment_id
    LEFT JOIN warehouses w ON w.id = s.warehouse_id
   WHERE i.id = $1 AND ($2::uuid[] IS NULL OR i.customer_id = ANY($2::uuid[]))`;

const LINES = `
  SELECT il.line_number AS "lineNumber", ol.line_number AS "orderLineNumber",
         il.quantity::text AS quantity, COALESCE(ol.uom, it.base_uom) AS uom,
         il.unit_price::text AS "unitPrice", il.line_net::text AS "lineNet", il.tax::text AS tax,
         il.line_total::text AS "lineTotal", il.tax_rate_percent::text AS "taxRatePercent",
         it.sku, it.description,
         COALESCE(ol.customer_item_number,
           (SELECT r.customer_item_number FROM customer_item_references r
             WHERE r.customer_id = $2 AND r.item_id = il.item_id
             ORDER BY r.customer_item_number LIMIT 1)) AS "customerItemNumber"
    FROM invoice_lines il
    JOIN items it ON it.id = il.item_id
    LEFT JOIN sales_order_lines ol ON ol.id = il.order_line_id
   WHERE il.invoice_id = $1
   ORDER BY il.line_number`;

/** Reads one invoice for its 810 representation, only inside the caller's accounts. */
@Injectable()
export class InvoiceDocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    scope: AccountScope,
    invoiceId: string,
  ): Promise<{ header: InvoiceDocumentHeader; lines: InvoiceDocumentLine[] } | undefined> {
    const [header] = await this.dataSource.query<InvoiceDocumentHeader[]>(HEADER, [
      invoiceId,
      scope === 'all' ? null : [...scope],
    ]);
    if (!header) return undefined;
    const lines = await this.dataSource.query<InvoiceDocumentLine[]>(LINES, [
      invoiceId,
      header.customerId,
    ]);
    return { header, lines };
  }
}
