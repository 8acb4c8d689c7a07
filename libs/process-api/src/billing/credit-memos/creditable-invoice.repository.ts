import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import type { EntityManager } from 'typeorm';

export interface LockedInvoice {
  id: string;
  series: string;
  invoiceNumber: string;
  customerId: string;
  orderId: string;
  currency: string;
  status: string;
  total: string;
  amountApplied: string;
  amountCredited: string;
  openBalance: string;
  version: number;
}

export interface CreditableLineRow {
  id: string;
  lineNumber: number;
  orderLineId: string;
  itemId: string;
  quantity: string;
  unitPrice: string;
  taxRatePercent: string;
  lineNet: string;
  tax: string;
  quantityCredited: string;
  netCredited: string;
  taxCredited: string;
}

/** What one memo takes from one invoice line (summed over the memo's lines naming it). */
export interface LineCredit {
  invoiceLineId: string;
  quantity: string;
  net: string;
  tax: string;
}

const LOCK_INVOICE = `
  SELECT id, series, invoice_number::text AS "invoiceNumber", customer_id AS "customerId",
         order_id AS "orderId", currency, status, total::text AS total,
         amount_applied::text AS "amountApplied", amount_credited::text AS "amountCredited",
         open_balance::text AS "openBalance", version
    FROM invoices
   WHERE id = $1 AND ($2::uuid[] IS NULL OR customer_id = ANY($2::uuid[]))
     FOR UPDATE`;

const CREDITABLE_LINES = `
  SELECT id, line_number AS "lineNumber", order_line_id AS "orderLineId", item_id AS "itemId",
         quantity::text AS quantity, unit_price::text AS "unitPrice",
         tax_rate_percent::text AS "taxRatePercent", line_net::text AS "lineNet", tax::text AS tax,
         quantity_credited::text AS "quantityCredited", net_credited::text AS "netCredited",
         tax_credited::text AS "taxCredited"
    FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_number`;

/** Every line changes only while what it already gave plus this credit still fits it. */
const TAKE_FROM_LINES = `
  WITH credit AS (
    SELECT * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[])
      AS c(id, quantity, net, tax)
  ), taken AS (
    UPDATE invoice_lines l
       SET quantity_credited = l.quantity_credited + c.quantity,
           net_credited = l.net_credited + c.net,
           tax_credited = l.tax_credited + c.tax,
           version = l.version + 1, updated_at = now()
      FROM credit c
     WHERE l.id = c.id AND l.invoice_id = $1
       AND l.quantity_credited + c.quantity <= l.quantity
       AND l.net_credited + c.net <= l.line_net
       AND l.tax_credited + c.tax <= l.tax
    RETURNING l.id, l.quantity_credited, l.net_credited, l.tax_credited, l.version)
  SELECT id, quantity_credited::text AS "quantityCredited", net_credited::text AS "netCredited",
         tax_credited::text AS "taxCredited", version FROM taken`;

/** The open balance never goes below zero; the CHECKs keep open = total - applied - credited. */
const CREDIT_INVOICE = `
  WITH credited AS (
    UPDATE invoices
       SET amount_credited = amount_credited + $2::numeric,
           open_balance = open_balance - $2::numeric,
           version = version + 1, updated_at = now()
     WHERE id = $1 AND open_balance >= $2::numeric
    RETURNING amount_credited, open_balance, version)
  SELECT amount_credited::text AS "amountCredited", open_balance::text AS "openBalance", version
    FROM credited`;

export interface TakenLine {
  id: string;
  quantityCredited: string;
  netCredited: string;
  taxCredited: string;
  version: number;
}

export interface CreditedInvoice {
  amountCredited: string;
  openBalance: string;
  version: number;
}

/** The invoice side of crediting: lock, read what is creditable, take the credit (guarded). */
@Injectable()
export class CreditableInvoiceRepository {
  /** Locks the invoice row for the memo's transaction; another account's invoice is absent. */
  async lock(
    manager: EntityManager,
    invoiceId: string,
    scope: AccountScope,
  ): Promise<LockedInvoice | undefined> {
    const rows = await manager.query<LockedInvoice[]>(LOCK_INVOICE, [
      invoiceId,
      scope === 'all' ? null : [...scope],
    ]);
    return rows[0];
  }

  lines(manager: EntityManager, invoiceId: string): Promise<CreditableLineRow[]> {
    return manager.query<CreditableLineRow[]>(CREDITABLE_LINES, [invoiceId]);
  }

  takeFromLines(
    manager: EntityManager,
    invoiceId: string,
    credits: LineCredit[],
  ): Promise<TakenLine[]> {
    return manager.query<TakenLine[]>(TAKE_FROM_LINES, [
      invoiceId,
      credits.map((credit) => credit.invoiceLineId),
      credits.map((credit) => credit.quantity),
      credits.map((credit) => credit.net),
      credits.map((credit) => credit.tax),
    ]);
  }

  async credit(
    manager: EntityManager,
    invoiceId: string,
    amount: string,
  ): Promise<CreditedInvoice | undefined> {
    const rows = await manager.query<CreditedInvoice[]>(CREDIT_INVOICE, [invoiceId, amount]);
    return rows[0];
  }
}
