import {
  CashApplication,
  CreditMemo,
  Invoice,
  InvoiceLine,
  type InvoiceStatus,
  Payment,
  type PaymentStatus,
  RemittanceLine,
} from '@o2c/persistence';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CustomerAccount,
  type InsertedOrder,
  insertCustomerAccount,
  insertOrderWithShipment,
  type OrderOptions,
} from './sales-order.factory';

export interface SalesGraphOptions extends OrderOptions {
  /** Reuse an account (from a previous graph) instead of creating one. */
  customer?: CustomerAccount;
  /** created_at of the order, shipment, invoice and payment; text keeps microseconds. */
  createdAt?: string;
  issueDate?: string;
  dueDate?: string;
  /** partial: 40.00 stays open on the invoice, 50.00 unapplied on the payment; full: both settled. */
  settlement?: 'partial' | 'full';
  valueDate?: string;
}

export interface SalesGraph extends CustomerAccount, InsertedOrder {
  invoice: Invoice;
  invoiceNumber: string;
  creditMemo: CreditMemo;
  payment: Payment;
  remittanceLines: [RemittanceLine, RemittanceLine];
  cashApplication: CashApplication;
}

const SERIES = 'INV';

/**
 * One consistent order-to-cash graph, inserted directly (the writing processes come later):
 * the order and shipment of sales-order.factory, the shipment's invoice (145.00 with a 5.00
 * credit memo) and a payment applied to it. Amounts satisfy every CHECK (totals, open balance
 * = total - applied - credited, unapplied = amount - applied) and the invoice series exists.
 */
export async function insertSalesGraph(
  dataSource: DataSource,
  options: SalesGraphOptions = {},
): Promise<SalesGraph> {
  const graph = await dataSource.transaction(async (manager) => {
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const account = options.customer ?? (await insertCustomerAccount(manager, tag));
    const inserted = await insertOrderWithShipment(manager, account, tag, options);
    return {
      ...account,
      ...inserted,
      ...(await insertBilling(manager, account, inserted, tag, options)),
    };
  });
  if (options.createdAt) await backdate(dataSource, graph, options.createdAt);
  return graph;
}

async function insertBilling(
  manager: EntityManager,
  account: CustomerAccount,
  { order, lines, items, shipment }: InsertedOrder,
  tag: string,
  options: SalesGraphOptions,
) {
  const full = options.settlement === 'full';
  const applied = full ? '140.0000' : '100.0000';
  const sequenceNumber = await nextInvoiceNumber(manager);
  const invoiceNumber = `${SERIES}-${sequenceNumber.padStart(8, '0')}`;
  const invoice = await manager.save(Invoice, {
    series: SERIES,
    invoiceNumber: sequenceNumber,
    customerId: account.customerId,
    orderId: order.id,
    shipmentId: shipment.id,
    currency: 'USD',
    issueDate: options.issueDate ?? '2026-03-10',
    dueDate: options.dueDate ?? '2026-04-09',
    paymentTerms: 'NET30',
    subtotal: '125.0000',
    taxTotal: '10.0000',
    freight: '10.0000',
    total: '145.0000',
    amountApplied: applied,
    amountCredited: '5.0000',
    openBalance: full ? '0.0000' : '40.0000',
    status: (full ? 'paid' : 'partially_paid') satisfies InvoiceStatus,
  });
  await manager.save(InvoiceLine, {
    invoiceId: invoice.id,
    lineNumber: 1,
    orderLineId: lines[0].id,
    itemId: items[0].id,
    quantity: '10.0000',
    unitPrice: '12.5000',
    lineNet: '125.0000',
    tax: '10.0000',
    lineTotal: '135.0000',
  });
  const creditMemo = await manager.save(CreditMemo, {
    memoNumber: `CM-${tag}`,
    invoiceId: invoice.id,
    customerId: account.customerId,
    reason: 'price_correction',
    issueDate: '2026-03-12',
    total: '5.0000',
    currency: 'USD',
  });
  const payment = await manager.save(Payment, {
    customerId: account.customerId,
    payerName: 'Acme Machining',
    payerAccount: 'US12-3456',
    amount: full ? '140.0000' : '150.0000',
    currency: 'USD',
    method: 'ach',
    valueDate: options.valueDate ?? '2026-03-20',
    bankReference: `BR-${tag}`,
    source: 'api',
    amountApplied: applied,
    unapplied: full ? '0.0000' : '50.0000',
    status: (full ? 'applied' : 'partially_applied') satisfies PaymentStatus,
  });
  // Full: the payer nets the credit memo (145.00 - 5.00); partial: 100.00 plus 50.00 on account.
  const remittanceLines = (await manager.save(RemittanceLine, [
    {
      paymentId: payment.id,
      lineNumber: 1,
      invoiceReference: invoiceNumber,
      amount: full ? '145.0000' : applied,
    },
    full
      ? {
          paymentId: payment.id,
          lineNumber: 2,
          invoiceReference: creditMemo.memoNumber,
          amount: '-5.0000',
        }
      : {
          paymentId: payment.id,
          lineNumber: 2,
          invoiceReference: null,
          amount: '50.0000',
          freeText: 'on account',
        },
  ])) as [RemittanceLine, RemittanceLine];
  const cashApplication = await manager.save(CashApplication, {
    paymentId: payment.id,
    invoiceId: invoice.id,
    remittanceLineId: remittanceLines[0].id,
    amount: applied,
    rule: 'exact-invoice-number',
    confidence: '0.9800',
    appliedBy: 'system',
  });
  return { invoice, invoiceNumber, creditMemo, payment, remittanceLines, cashApplication };
}

/** The documented gap-free numbering statement, with the series created on first use. */
async function nextInvoiceNumber(manager: EntityManager): Promise<string> {
  await manager.query(
    'INSERT INTO invoice_number_series (series, next_number) VALUES ($1, 1) ON CONFLICT (series) DO NOTHING',
    [SERIES],
  );
  const rows: { number: string }[] = await manager.query(
    // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
    `WITH taken AS (
       UPDATE invoice_number_series SET next_number = next_number + 1, version = version + 1, updated_at = now()
       WHERE series = $1 RETURNING next_number - 1 AS number
     ) SELECT number::text AS number FROM taken`,
    [SERIES],
  );
  const number = rows[0]?.number;
  if (!number) throw new Error(`invoice series ${SERIES} gave no number`);
  return number;
}

/** Sets created_at with full (microsecond) precision, which a JS Date cannot carry. */
async function backdate(
  dataSource: DataSource,
  graph: SalesGraph,
  createdAt: string,
): Promise<void> {
  const targets: [string, string][] = [
    ['sales_orders', graph.order.id],
    ['shipments', graph.shipment.id],
    ['invoices', graph.invoice.id],
    ['payments', graph.payment.id],
  ];
  for (const [table, id] of targets) {
    await dataSource.query(`UPDATE ${table} SET created_at = $1 WHERE id = $2`, [createdAt, id]);
  }
}
