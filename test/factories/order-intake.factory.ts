import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

let sequence = 0;

function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

export interface CustomerPolicy {
  status?: 'active' | 'credit_hold' | 'blocked';
  creditLimit?: string;
  currency?: string;
  shortagePolicy?: 'backorder' | 'cancel' | 'review';
  /** Older form, as the API still takes it: true is backorder, false review. */
  allowBackorders?: boolean;
  allowSubstitutions?: boolean;
  priceTolerancePercent?: string;
  priceDeviationAction?: 'hold' | 'correct';
  overdueDaysLimit?: number;
  marginFloorPercent?: string | null;
}

export interface TradingAccount {
  id: string;
  customerNumber: string;
  /** Ship-to MAIN in region US-WEST; EAST in US-EAST. */
  shipTos: { main: string; east: string };
}

export interface ItemSetup {
  baseUom?: string;
  conversions?: Record<string, string>;
  listPrice?: string;
  standardCost?: string;
  sellable?: boolean;
  currency?: string;
}

const ADDRESS = '{"line1":"2 Dock Rd","city":"Reno","postalCode":"89502","country":"US"}';

/**
 * Order-intake test data written straight to a suite's database: customers with their order
 * policy and ship-tos, warehouses by region, items, substitutes, stock, contract prices,
 * customer item numbers, and receivables (invoices) in states no API writes yet.
 */
export class OrderIntakeFixtures {
  private constructor(readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<OrderIntakeFixtures> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new OrderIntakeFixtures(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  async customer(policy: CustomerPolicy = {}): Promise<TradingAccount> {
    const customerNumber = unique('OC');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO customers (customer_number, name, status, credit_limit, currency, payment_terms,
         account_manager, bill_to, shortage_policy, allow_substitutions, price_tolerance_percent,
         price_deviation_action, overdue_days_limit, margin_floor_percent)
       VALUES ($1, $2, $3, $4, $5, 'NET30', 'pat.lee@example.com', $6, $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [
        customerNumber,
        `Acme ${customerNumber}`,
        policy.status ?? 'active',
        policy.creditLimit ?? '1000000',
        policy.currency ?? 'USD',
        ADDRESS,
        policy.shortagePolicy ?? (policy.allowBackorders === false ? 'review' : 'backorder'),
        policy.allowSubstitutions ?? false,
        policy.priceTolerancePercent ?? '2.5',
        policy.priceDeviationAction ?? 'hold',
        policy.overdueDaysLimit ?? 30,
        policy.marginFloorPercent ?? null,
      ],
    );
    const id = rows[0].id;
    const shipTo = async (code: string, region: string) =>
      (
        await this.client.query<{ id: string }>(
          `INSERT INTO customer_ship_tos (customer_id, code, name, address, region)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [id, code, `${code} dock`, ADDRESS, region],
        )
      ).rows[0].id;
    return {
      id,
      customerNumber,
      shipTos: { main: await shipTo('MAIN', 'US-WEST'), east: await shipTo('EAST', 'US-EAST') },
    };
  }

  async warehouse(regionsServed: string[]): Promise<{ id: string; code: string }> {
    const code = unique('WH');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO warehouses (code, name, address, regions_served) VALUES ($1, $1, $2, $3)
       RETURNING id`,
      [code, ADDRESS, regionsServed],
    );
    return { id: rows[0].id, code };
  }

  async item(setup: ItemSetup = {}): Promise<{ id: string; sku: string }> {
    const sku = unique('OI');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO items (sku, description, base_uom, standard_cost, list_price, currency, sellable)
       VALUES ($1, 'Order test item', $2, $3, $4, $5, $6) RETURNING id`,
      [
        sku,
        setup.baseUom ?? 'EA',
        setup.standardCost ?? '6.00',
        setup.listPrice ?? '10.00',
        setup.currency ?? 'USD',
        setup.sellable ?? true,
      ],
    );
    const id = rows[0].id;
    for (const [uom, toBase] of Object.entries(setup.conversions ?? { CS: '12' })) {
      await this.client.query(
        'INSERT INTO item_uom_conversions (item_id, uom, to_base) VALUES ($1, $2, $3)',
        [id, uom, toBase],
      );
    }
    return { id, sku };
  }

  async substitute(itemId: string, substituteItemId: string, priority = 1): Promise<void> {
    await this.client.query(
      'INSERT INTO item_substitutes (item_id, substitute_item_id, priority) VALUES ($1, $2, $3)',
      [itemId, substituteItemId, priority],
    );
  }

  async stock(warehouseId: string, itemId: string, onHand: string, allocated = '0') {
    await this.client.query(
      `INSERT INTO inventory_balances (warehouse_id, item_id, on_hand, allocated)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (warehouse_id, item_id) DO UPDATE SET on_hand = $3, allocated = $4`,
      [warehouseId, itemId, onHand, allocated],
    );
  }

  async agreement(
    customerId: string,
    itemId: string,
    price: string,
    options: { breaks?: [string, string][]; currency?: string; validFrom?: string } = {},
  ): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO price_agreements (customer_id, item_id, currency, contract_price, valid_from)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [customerId, itemId, options.currency ?? 'USD', price, options.validFrom ?? '2020-01-01'],
    );
    for (const [minQuantity, unitPrice] of options.breaks ?? []) {
      await this.client.query(
        `INSERT INTO price_agreement_breaks (agreement_id, min_quantity, unit_price)
         VALUES ($1, $2, $3)`,
        [rows[0].id, minQuantity, unitPrice],
      );
    }
    return rows[0].id;
  }

  async customerItem(customerId: string, itemId: string, number: string): Promise<void> {
    await this.client.query(
      `INSERT INTO customer_item_references (customer_id, customer_item_number, item_id)
       VALUES ($1, $2, $3)`,
      [customerId, number, itemId],
    );
  }

  /** An invoiced order and its invoice with `openBalance` open, due on `dueDate`. */
  async receivable(customerId: string, openBalance: string, dueDate: string): Promise<string> {
    const tag = unique('AR');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO sales_orders (order_number, customer_id, channel, status, currency, subtotal, total)
       VALUES ($1, $2, 'portal', 'invoiced', 'USD', $3, $3) RETURNING id`,
      [`SO-${tag}`, customerId, openBalance],
    );
    await this.client.query(
      `INSERT INTO invoice_number_series (series, next_number) VALUES ('TST', 1)
       ON CONFLICT (series) DO NOTHING`,
    );
    const invoice = await this.client.query<{ id: string }>(
      `WITH taken AS (UPDATE invoice_number_series SET next_number = next_number + 1
                       WHERE series = 'TST' RETURNING next_number - 1 AS number)
       INSERT INTO invoices (series, invoice_number, customer_id, order_id, currency, issue_date,
         due_date, payment_terms, subtotal, total, open_balance)
       SELECT 'TST', number, $1, $2, 'USD', $3::date - 30, $3, 'NET30', $4, $4, $4 FROM taken
       RETURNING id`,
      [customerId, rows[0].id, dueDate, openBalance],
    );
    return invoice.rows[0].id;
  }

  async routingRule(rule: {
    queue: string;
    name: string;
    role: string;
    priority: number;
    slaMinutes: number | null;
    taskPriority: number;
    condition: Record<string, unknown>;
  }): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO approval_routing_rules
         (queue, name, condition, role, priority, sla_minutes, task_priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        rule.queue,
        rule.name,
        JSON.stringify(rule.condition),
        rule.role,
        rule.priority,
        rule.slaMinutes,
        rule.taskPriority,
      ],
    );
    return rows[0].id;
  }

  async balance(
    warehouseId: string,
    itemId: string,
  ): Promise<{ onHand: string; allocated: string }> {
    const { rows } = await this.client.query<{ onHand: string; allocated: string }>(
      `SELECT on_hand::text AS "onHand", allocated::text AS allocated FROM inventory_balances
        WHERE warehouse_id = $1 AND item_id = $2`,
      [warehouseId, itemId],
    );
    return rows[0];
  }

  /** Row counts of everything intake may write: equal before and after a refused request. */
  async writeCounts(): Promise<Record<string, number>> {
    const tables = [
      'sales_orders',
      'sales_order_lines',
      'order_holds',
      'tasks',
      'allocations',
      'inventory_movements',
      'process_events',
      'outbox_messages',
      'audit_log',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await this.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      counts[table] = rows[0].n;
    }
    const stock = await this.client.query<{ allocated: string }>(
      'SELECT COALESCE(sum(allocated), 0)::text AS allocated FROM inventory_balances',
    );
    counts.allocatedUnits = Number(stock.rows[0].allocated);
    return counts;
  }

  async outbox(
    orderId: string,
  ): Promise<{ eventType: string; payload: Record<string, unknown> }[]> {
    const { rows } = await this.client.query<{
      eventType: string;
      payload: Record<string, unknown>;
    }>(
      `SELECT event_type AS "eventType", payload FROM outbox_messages
        WHERE aggregate_type = 'order' AND aggregate_id = $1 ORDER BY sequence`,
      [orderId],
    );
    return rows;
  }

  async movements(reference: string): Promise<{ type: string; quantity: string }[]> {
    const { rows } = await this.client.query<{ type: string; quantity: string }>(
      `SELECT type, quantity::text AS quantity FROM inventory_movements
        WHERE reference = $1 ORDER BY created_at, type`,
      [reference],
    );
    return rows;
  }
}
