import { Customer, CustomerShipTo, Invoice, SalesOrder } from '@o2c/persistence';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** One open invoice to insert; amounts are decimal strings in the customer's currency. */
export interface InvoiceSpec {
  total: string;
  issueDate?: string;
  dueDate?: string;
  /** Terms code copied onto the invoice (default: the customer's). */
  paymentTerms?: string;
  /** Already applied (cash, discount, write-off) and credited; the open balance is the rest. */
  amountApplied?: string;
  amountCredited?: string;
  series?: string;
  /** Move the series forward to at least this number first (long numbers for fuzzy matching). */
  numberAtLeast?: string;
}

export interface BillingCustomerOptions {
  currency?: string;
  paymentTerms?: string;
  creditLimit?: string;
  overdueDaysLimit?: number;
  /** Names and bank accounts the customer pays under (the customer master's aliases). */
  aliases?: string[];
  name?: string;
  customerNumber?: string;
}

export interface BillingCustomer {
  customerId: string;
  customerNumber: string;
  name: string;
  shipToId: string;
  currency: string;
}

export interface InsertedInvoice {
  id: string;
  /** As printed and as customers quote it: 'INV-00001234'. */
  number: string;
  sequenceNumber: string;
  total: string;
  openBalance: string;
  orderId: string;
}

const address = {
  line1: '9 Mill Rd',
  city: 'Reno',
  region: 'NV',
  postalCode: '89502',
  country: 'US',
};

/** A customer that invoices can be issued to, with a ship-to in US-WEST. */
export async function insertBillingCustomer(
  dataSource: DataSource,
  options: BillingCustomerOptions = {},
): Promise<BillingCustomer> {
  return dataSource.transaction(async (manager) => {
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const customer = await manager.save(
      manager.create(Customer, {
        customerNumber: options.customerNumber ?? `CA-${tag}`,
        name: options.name ?? `Cascade Fittings ${tag}`,
        currency: options.currency ?? 'USD',
        paymentTerms: options.paymentTerms ?? 'NET30',
        creditLimit: options.creditLimit ?? '100000.0000',
        overdueDaysLimit: options.overdueDaysLimit ?? 30,
        externalAliases: options.aliases ?? [],
        billTo: address,
      }),
    );
    const shipTo = await manager.save(
      manager.create(CustomerShipTo, {
        customerId: customer.id,
        code: 'MAIN',
        name: 'Main plant',
        address,
        region: 'US-WEST',
      }),
    );
    return {
      customerId: customer.id,
      customerNumber: customer.customerNumber,
      name: customer.name,
      shipToId: shipTo.id,
      currency: customer.currency,
    };
  });
}

/**
 * Open invoices of one customer, as invoicing leaves them: one invoiced order carrying them
 * (its total is theirs, so nothing stays uninvoiced in the credit exposure), numbers taken
 * from the series with the documented gap-free statement, totals = subtotal (no tax or
 * freight), open_balance = total - amount_applied - amount_credited and the status that
 * goes with it.
 */
export async function insertOpenInvoices(
  dataSource: DataSource,
  customer: BillingCustomer,
  specs: InvoiceSpec[],
): Promise<InsertedInvoice[]> {
  return dataSource.transaction(async (manager) => {
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const total = fromUnits(specs.reduce((sum, spec) => sum + units(spec.total), 0n));
    const order = await manager.save(
      manager.create(SalesOrder, {
        orderNumber: `SO-IN-${tag}`,
        customerId: customer.customerId,
        channel: 'portal',
        externalPoNumber: `PO-IN-${tag}`,
        shipToId: customer.shipToId,
        requestedDate: '2026-03-01',
        status: 'invoiced',
        currency: customer.currency,
        subtotal: total,
        taxTotal: '0.0000',
        freight: '0.0000',
        total,
        touchless: true,
      }),
    );
    const invoices: InsertedInvoice[] = [];
    for (const spec of specs) {
      const series = spec.series ?? 'INV';
      const sequenceNumber = await takeInvoiceNumber(manager, series, spec.numberAtLeast);
      const applied = spec.amountApplied ?? '0';
      const credited = spec.amountCredited ?? '0';
      const openBalance = subtract(spec.total, applied, credited);
      const invoice = await manager.save(
        manager.create(Invoice, {
          series,
          invoiceNumber: sequenceNumber,
          customerId: customer.customerId,
          orderId: order.id,
          currency: customer.currency,
          issueDate: spec.issueDate ?? '2026-03-01',
          dueDate: spec.dueDate ?? '2026-03-31',
          paymentTerms: spec.paymentTerms ?? 'NET30',
          subtotal: spec.total,
          taxTotal: '0',
          freight: '0',
          total: spec.total,
          amountApplied: applied,
          amountCredited: credited,
          openBalance,
          status:
            units(openBalance) === 0n ? 'paid' : units(applied) > 0n ? 'partially_paid' : 'issued',
        }),
      );
      invoices.push({
        id: invoice.id,
        number: `${series}-${sequenceNumber.padStart(8, '0')}`,
        sequenceNumber,
        total: spec.total,
        openBalance,
        orderId: order.id,
      });
    }
    return invoices;
  });
}

/** The documented gap-free numbering statement, with the series created on first use. */
async function takeInvoiceNumber(
  manager: EntityManager,
  series: string,
  atLeast = '1',
): Promise<string> {
  await manager.query(
    `INSERT INTO invoice_number_series (series, next_number) VALUES ($1, $2::bigint)
     ON CONFLICT (series) DO UPDATE
       SET next_number = GREATEST(invoice_number_series.next_number, EXCLUDED.next_number)`,
    [series, atLeast],
  );
  const rows: { number: string }[] = await manager.query(
    `WITH taken AS (
       UPDATE invoice_number_series SET next_number = next_number + 1, version = version + 1,
              updated_at = now()
        WHERE series = $1 RETURNING next_number - 1 AS number
     ) SELECT number::text AS number FROM taken`,
    [series],
  );
  const number = rows[0]?.number;
  if (!number) throw new Error(`invoice series ${series} gave no number`);
  return number;
}

/** Decimal strings as ten-thousandths, so money never becomes a float. */
function units(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
}

function fromUnits(value: bigint): string {
  const text = value.toString().padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

/** total - applied - credited. */
function subtract(total: string, applied: string, credited: string): string {
  return fromUnits(units(total) - units(applied) - units(credited));
}
