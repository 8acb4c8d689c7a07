import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';

let sequence = 0;

function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

const ADDRESS = '{"line1":"2 Dock Rd","city":"Reno","postalCode":"89502","country":"US"}';

export interface BillingLineSetup {
  /** The unit the line is ordered in, e.g. 'CS'. */
  uom?: string;
  /** Ordered quantity in `uom`. */
  quantity: string;
  /** Contract price per `uom`. */
  unitPrice: string;
  /** Item unit set-up; default base EA with CS = 12. */
  baseUom?: string;
  conversions?: Record<string, string>;
}

export interface BillingOrderSetup {
  paymentTerms?: string;
  currency?: string;
  /** Ship-to region; default US-WEST (7.25 % in the starting tax rates). */
  region?: string | null;
  lines: BillingLineSetup[];
  /** An existing customer to order for (else a new one). */
  customerId?: string;
}

export interface BillingOrder {
  customerId: string;
  customerNumber: string;
  orderId: string;
  warehouseId: string;
  /** Order line ids and their base units per ordered unit, in line order. */
  lines: { id: string; itemId: string; uom: string; toBase: string; unitPrice: string }[];
}

export interface ShipmentSetup {
  lines: { orderLineId: string; baseQuantity: string; lot?: string | null }[];
  freight?: string | null;
  /** Default: one second ago; null leaves the shipment unconfirmed. */
  shippedAt?: Date | null;
}

/**
 * Billing test data written straight to a suite's database: a released order with its lines at
 * contract prices, and shipments confirmed (or not) with lines in base units, as the shipment
 * process leaves them before it asks for the invoice.
 */
export class BillingFixtures {
  constructor(private readonly client: Client) {}

  async customer(options: { paymentTerms?: string; currency?: string } = {}) {
    const customerNumber = unique('BC');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO customers (customer_number, name, currency, payment_terms, credit_limit, bill_to)
       VALUES ($1, $2, $3, $4, 1000000, $5) RETURNING id`,
      [
        customerNumber,
        `Billing ${customerNumber}`,
        options.currency ?? 'USD',
        options.paymentTerms ?? 'NET30',
        ADDRESS,
      ],
    );
    return { id: rows[0].id, customerNumber };
  }

  async order(setup: BillingOrderSetup): Promise<BillingOrder> {
    const currency = setup.currency ?? 'USD';
    const customer = setup.customerId
      ? await this.existingCustomer(setup.customerId)
      : await this.customer({ paymentTerms: setup.paymentTerms, currency });
    const region = setup.region === undefined ? 'US-WEST' : setup.region;
    const shipTo = await this.client.query<{ id: string }>(
      `INSERT INTO customer_ship_tos (customer_id, code, name, address, region)
       VALUES ($1, $2, 'Dock', $3, $4) RETURNING id`,
      [customer.id, unique('ST'), ADDRESS, region],
    );
    const warehouse = await this.client.query<{ id: string }>(
      `INSERT INTO warehouses (code, name, address, regions_served) VALUES ($1, $1, $2, $3)
       RETURNING id`,
      [unique('BW'), ADDRESS, ['US-WEST', 'US-EAST']],
    );
    const order = await this.client.query<{ id: string }>(
      `INSERT INTO sales_orders (order_number, customer_id, channel, external_po_number, ship_to_id,
         status, currency)
       VALUES ($1, $2, 'portal', $3, $4, 'released', $5) RETURNING id`,
      [unique('SO'), customer.id, unique('PO'), shipTo.rows[0].id, currency],
    );
    const lines: BillingOrder['lines'] = [];
    for (const [index, line] of setup.lines.entries()) {
      const uom = line.uom ?? 'EA';
      const baseUom = line.baseUom ?? 'EA';
      const conversions = line.conversions ?? { CS: '12' };
      const toBase = uom === baseUom ? '1' : conversions[uom];
      const item = await this.client.query<{ id: string }>(
        `INSERT INTO items (sku, description, base_uom, standard_cost, list_price, currency)
         VALUES ($1, 'Billing test item', $2, 1, $3, $4) RETURNING id`,
        [unique('BI'), baseUom, line.unitPrice, currency],
      );
      for (const [code, factor] of Object.entries(conversions)) {
        await this.client.query(
          'INSERT INTO item_uom_conversions (item_id, uom, to_base) VALUES ($1, $2, $3)',
          [item.rows[0].id, code, factor],
        );
      }
      const baseQuantity = (Number(line.quantity) * Number(toBase)).toString();
      const row = await this.client.query<{ id: string }>(
        `INSERT INTO sales_order_lines (order_id, line_number, item_id, quantity, uom, base_quantity,
           contract_unit_price, unit_price, price_source, line_total, status, quantity_allocated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'contract', round($4::numeric * $7::numeric, 2),
           'accepted', $6) RETURNING id`,
        [
          order.rows[0].id,
          index + 1,
          item.rows[0].id,
          line.quantity,
          uom,
          baseQuantity,
          line.unitPrice,
        ],
      );
      lines.push({
        id: row.rows[0].id,
        itemId: item.rows[0].id,
        uom,
        toBase,
        unitPrice: line.unitPrice,
      });
    }
    return {
      customerId: customer.id,
      customerNumber: customer.customerNumber,
      orderId: order.rows[0].id,
      warehouseId: warehouse.rows[0].id,
      lines,
    };
  }

  /** A shipment of the order, as the shipment process leaves it before invoicing. */
  async shipment(order: BillingOrder, setup: ShipmentSetup): Promise<string> {
    const shippedAt = setup.shippedAt === undefined ? new Date(Date.now() - 1000) : setup.shippedAt;
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO shipments (shipment_number, order_id, warehouse_id, carrier, tracking_number,
         status, shipped_at, freight)
       VALUES ($1, $2, $3, 'UPSN', $4, $5, $6, $7) RETURNING id`,
      [
        unique('SH'),
        order.orderId,
        order.warehouseId,
        unique('1Z'),
        shippedAt === null ? 'packed' : 'shipped',
        shippedAt,
        setup.freight ?? null,
      ],
    );
    for (const line of setup.lines) {
      await this.client.query(
        `INSERT INTO shipment_lines (shipment_id, order_line_id, quantity, lot)
         VALUES ($1, $2, $3, $4)`,
        [rows[0].id, line.orderLineId, line.baseQuantity, line.lot ?? null],
      );
    }
    return rows[0].id;
  }

  async tableCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of [
      'invoices',
      'invoice_lines',
      'credit_memos',
      'credit_memo_lines',
      'process_events',
      'outbox_messages',
    ]) {
      const { rows } = await this.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      counts[table] = rows[0].n;
    }
    return counts;
  }

  private async existingCustomer(id: string) {
    const { rows } = await this.client.query<{ customerNumber: string }>(
      'SELECT customer_number AS "customerNumber" FROM customers WHERE id = $1',
      [id],
    );
    return { id, customerNumber: rows[0].customerNumber };
  }
}
