import { Decimal } from '@o2c/domain';
import {
  CreditMemo,
  Customer,
  CustomerShipTo,
  Invoice,
  InvoiceLine,
  type InvoiceStatus,
  Item,
  Payment,
  SalesOrder,
  SalesOrderLine,
} from '@o2c/persistence';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

const SERIES = 'INV';
const address = { line1: '2 Dock Rd', city: 'Reno', postalCode: '89502', country: 'US' };

export interface ReceivableLineSpec {
  quantity: string;
  unitPrice: string;
  /** Percent, e.g. '8.25'. */
  taxPercent?: string;
}

export interface ReceivableSpec {
  customerId: string;
  currency?: string;
  issueDate?: string;
  dueDate: string;
  /** Default: one line of 1 EA at 100.00, no tax. */
  lines?: ReceivableLineSpec[];
  freight?: string;
  amountApplied?: string;
  amountCredited?: string;
  /** Default: what the balances say (issued, partially_paid or paid). */
  status?: InvoiceStatus;
}

export interface InsertedReceivable {
  invoice: Invoice;
  invoiceNumber: string;
  lines: InvoiceLine[];
  order: SalesOrder;
}

export interface CustomerSpec {
  name?: string;
  creditLimit?: string;
  currency?: string;
  accountManager?: string | null;
}

/**
 * Customers and invoices for receivables suites, inserted directly and consistently: each
 * invoice has its own invoiced order and lines, amounts rounded per line (net, tax), totals
 * summed from the lines, open_balance = total - amount_applied - amount_credited, and the
 * next number of the 'INV' series by the documented gap-free statement.
 */
export class ReceivablesFactory {
  private readonly items = new Map<string, Item>();

  constructor(private readonly dataSource: DataSource) {}

  customer(spec: CustomerSpec = {}): Promise<Customer> {
    return this.dataSource.transaction(async (manager) => {
      const tag = randomBytes(4).toString('hex').toUpperCase();
      const customer = await manager.save(
        manager.create(Customer, {
          customerNumber: `AR-${tag}`,
          name: spec.name ?? `Receivable Works ${tag}`,
          currency: spec.currency ?? 'USD',
          paymentTerms: 'NET30',
          creditLimit: spec.creditLimit ?? '50000.0000',
          accountManager:
            spec.accountManager === undefined ? 'pat.lee@example.com' : spec.accountManager,
          billTo: address,
        }),
      );
      await manager.save(
        manager.create(CustomerShipTo, {
          customerId: customer.id,
          code: 'MAIN',
          name: 'Main plant',
          address,
          region: 'US-WEST',
        }),
      );
      return customer;
    });
  }

  invoice(spec: ReceivableSpec): Promise<InsertedReceivable> {
    return this.dataSource.transaction((manager) => this.insertInvoice(manager, spec));
  }

  async insertInvoice(manager: EntityManager, spec: ReceivableSpec): Promise<InsertedReceivable> {
    const currency = spec.currency ?? 'USD';
    const tag = randomBytes(5).toString('hex').toUpperCase();
    const item = await this.item(manager, currency);
    const specs = spec.lines ?? [{ quantity: '1', unitPrice: '100.00' }];
    const amounts = specs.map((line) => {
      const net = new Decimal(line.quantity).times(line.unitPrice).toDecimalPlaces(2);
      const tax = net
        .times(line.taxPercent ?? '0')
        .div(100)
        .toDecimalPlaces(2);
      return { ...line, net, tax, total: net.plus(tax) };
    });
    const subtotal = amounts.reduce((sum, line) => sum.plus(line.net), new Decimal(0));
    const taxTotal = amounts.reduce((sum, line) => sum.plus(line.tax), new Decimal(0));
    const freight = new Decimal(spec.freight ?? '0');
    const total = subtotal.plus(taxTotal).plus(freight);
    const applied = new Decimal(spec.amountApplied ?? '0');
    const credited = new Decimal(spec.amountCredited ?? '0');
    const open = total.minus(applied).minus(credited);
    if (open.isNegative()) throw new Error('applied and credited exceed the invoice total');
    const order = await manager.save(
      manager.create(SalesOrder, {
        orderNumber: `SO-AR-${tag}`,
        customerId: spec.customerId,
        channel: 'portal',
        externalPoNumber: `PO-${tag}`,
        shipToId: null,
        requestedDate: null,
        status: 'invoiced',
        currency,
        subtotal: subtotal.toFixed(4),
        taxTotal: taxTotal.toFixed(4),
        freight: freight.toFixed(4),
        total: total.toFixed(4),
        touchless: true,
      }),
    );
    const orderLines = await manager.save(
      amounts.map((line, index) =>
        manager.create(SalesOrderLine, {
          orderId: order.id,
          lineNumber: index + 1,
          itemId: item.id,
          customerItemNumber: null,
          quantity: line.quantity,
          uom: 'EA',
          baseQuantity: line.quantity,
          requestedUnitPrice: null,
          contractUnitPrice: null,
          unitPrice: line.unitPrice,
          priceSource: 'list',
          lineTotal: line.net.toFixed(4),
          status: 'shipped',
          quantityAllocated: line.quantity,
          quantityShipped: line.quantity,
        }),
      ),
    );
    const sequence = await nextInvoiceNumber(manager);
    const status: InvoiceStatus =
      spec.status ?? (open.isZero() ? 'paid' : applied.isPositive() ? 'partially_paid' : 'issued');
    const invoice = await manager.save(
      manager.create(Invoice, {
        series: SERIES,
        invoiceNumber: sequence,
        customerId: spec.customerId,
        orderId: order.id,
        shipmentId: null,
        currency,
        issueDate: spec.issueDate ?? earlier(spec.dueDate, 30),
        dueDate: spec.dueDate,
        paymentTerms: 'NET30',
        subtotal: subtotal.toFixed(4),
        taxTotal: taxTotal.toFixed(4),
        freight: freight.toFixed(4),
        total: total.toFixed(4),
        amountApplied: applied.toFixed(4),
        amountCredited: credited.toFixed(4),
        openBalance: open.toFixed(4),
        status,
      }),
    );
    const lines = await manager.save(
      amounts.map((line, index) =>
        manager.create(InvoiceLine, {
          invoiceId: invoice.id,
          lineNumber: index + 1,
          orderLineId: orderLines[index]?.id,
          itemId: item.id,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          lineNet: line.net.toFixed(4),
          tax: line.tax.toFixed(4),
          lineTotal: line.total.toFixed(4),
        }),
      ),
    );
    return { invoice, invoiceNumber: `${SERIES}-${sequence.padStart(8, '0')}`, lines, order };
  }

  /**
   * A credit memo billing issued on the invoice (header only): the invoice's amount_credited
   * and open balance take it, as the billing API does.
   */
  creditMemo(
    invoice: Invoice,
    total: string,
    status: 'issued' | 'void' = 'issued',
    issueDate?: string,
  ): Promise<CreditMemo> {
    return this.dataSource.transaction(async (manager) => {
      const memo = await manager.save(
        manager.create(CreditMemo, {
          memoNumber: `CM-${randomBytes(4).toString('hex').toUpperCase()}`,
          invoiceId: invoice.id,
          customerId: invoice.customerId,
          disputeId: null,
          reason: 'price_correction',
          status,
          total,
          currency: invoice.currency,
          ...(issueDate ? { issueDate } : {}),
        }),
      );
      if (status === 'issued') {
        await manager.query(
          `UPDATE invoices SET amount_credited = amount_credited + $2::numeric,
                  open_balance = open_balance - $2::numeric, version = version + 1
            WHERE id = $1`,
          [invoice.id, total],
        );
      }
      return memo;
    });
  }

  /** A payment received from the customer (nothing applied), e.g. the short payment of a
   *  deduction or a payment towards a promise. */
  payment(
    customerId: string,
    amount: string,
    valueDate: string,
    currency = 'USD',
  ): Promise<Payment> {
    return this.dataSource.manager.save(
      this.dataSource.manager.create(Payment, {
        customerId,
        payerName: 'Receivable Works',
        payerAccount: null,
        amount,
        currency,
        method: 'ach',
        valueDate,
        bankReference: `BR-${randomBytes(4).toString('hex').toUpperCase()}`,
        source: 'api',
        amountApplied: '0',
        unapplied: amount,
        status: 'unapplied',
      }),
    );
  }

  private async item(manager: EntityManager, currency: string): Promise<Item> {
    const known = this.items.get(currency);
    if (known) return known;
    const item = await manager.save(
      manager.create(Item, {
        sku: `AR-${randomBytes(4).toString('hex').toUpperCase()}`,
        description: 'Bearing 6204-2RS',
        baseUom: 'EA',
        standardCost: '1.0000',
        listPrice: '100.0000',
        currency,
      }),
    );
    this.items.set(currency, item);
    return item;
  }
}

/** The documented gap-free numbering statement, with the series created on first use. */
async function nextInvoiceNumber(manager: EntityManager): Promise<string> {
  await manager.query(
    'INSERT INTO invoice_number_series (series, next_number) VALUES ($1, 1) ON CONFLICT (series) DO NOTHING',
    [SERIES],
  );
  const rows: { number: string }[] = await manager.query(
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

function earlier(date: string, days: number): string {
  const time = new Date(`${date}T00:00:00Z`).getTime() - days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** A calendar date `days` from today (UTC), negative for the past. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
