import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface BenchOrderLine {
  itemId: string;
  sku: string;
  warehouseId: string;
  quantity: number;
}

export interface BenchOrder {
  customerId: string;
  shipToId: string;
  externalPoNumber: string;
  lines: BenchOrderLine[];
}

/**
 * Realistic 5-line orders over the seeded data: active customers with a ship-to, sellable
 * items with stock. The bench database is prepared so every order can go straight through
 * (ample stock, credit limits and no margin floors), which is the path the target is about.
 */
export async function prepareWorkload(databaseUrl: string): Promise<() => BenchOrder> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE customers SET status = 'active', credit_limit = 900000000000,
      margin_floor_percent = NULL, currency = 'USD'`);
    await client.query('UPDATE inventory_balances SET on_hand = 100000000, allocated = 0');
    await client.query("UPDATE price_agreements SET currency = 'USD'");
    await client.query('ANALYZE customers; ANALYZE inventory_balances');
    const customers = (
      await client.query<{ customer_id: string; ship_to_id: string }>(
        `SELECT DISTINCT ON (c.id) c.id AS customer_id, s.id AS ship_to_id
         FROM customers c JOIN customer_ship_tos s ON s.customer_id = c.id
         ORDER BY c.id, s.code LIMIT 5000`,
      )
    ).rows;
    const items = (
      await client.query<{ item_id: string; sku: string; warehouse_id: string }>(
        `SELECT DISTINCT ON (i.id) i.id AS item_id, i.sku, b.warehouse_id
         FROM items i JOIN inventory_balances b ON b.item_id = i.id
         WHERE i.sellable AND i.currency = 'USD'
         ORDER BY i.id, b.warehouse_id LIMIT 20000`,
      )
    ).rows;
    if (customers.length === 0 || items.length < 5) throw new Error('seeded data is missing');
    let n = 0;
    return () => {
      n += 1;
      const customer = customers[n % customers.length];
      const lines: BenchOrderLine[] = [];
      for (let index = 0; index < 5; index += 1) {
        const item = items[(n * 7 + index * 3_331) % items.length];
        lines.push({
          itemId: item.item_id,
          sku: item.sku,
          warehouseId: item.warehouse_id,
          quantity: 1 + ((n + index) % 4),
        });
      }
      return {
        customerId: customer.customer_id,
        shipToId: customer.ship_to_id,
        externalPoNumber: `PO-${randomUUID()}`,
        lines,
      };
    };
  } finally {
    await client.end();
  }
}
