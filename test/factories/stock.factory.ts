import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface StockedItemFixture {
  id: string;
  sku: string;
}

export interface StockKeyFixture {
  warehouseId: string;
  itemId: string;
}

export interface StockRow {
  onHand: string;
  allocated: string;
  version: number;
}

let sequence = 0;

function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

/**
 * Stock test data written straight to a suite's database: items (whose API is not this
 * suite's business), warehouses, and balances in states no API reaches yet (allocated stock).
 */
export class StockFixtures {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<StockFixtures> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new StockFixtures(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  /** An item counted in `baseUom`, with conversions such as { BX: '10' } (10 base units). */
  async item(
    baseUom = 'EA',
    conversions: Record<string, string> = {},
  ): Promise<StockedItemFixture> {
    const sku = unique('STK');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO items (sku, description, base_uom, standard_cost, list_price, currency)
       VALUES ($1, 'Test item', $2, '1.00', '2.00', 'USD') RETURNING id`,
      [sku, baseUom],
    );
    const id = rows[0].id;
    for (const [uom, toBase] of Object.entries(conversions)) {
      await this.client.query(
        'INSERT INTO item_uom_conversions (item_id, uom, to_base) VALUES ($1, $2, $3)',
        [id, uom, toBase],
      );
    }
    return { id, sku };
  }

  async warehouse(options: { active?: boolean } = {}): Promise<{ id: string; code: string }> {
    const code = unique('FX');
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO warehouses (code, name, address, active)
       VALUES ($1, 'Fixture DC', '{"line1":"1 Dock Rd","city":"Reno","postalCode":"89502","country":"US"}', $2)
       RETURNING id`,
      [code, options.active ?? true],
    );
    return { id: rows[0].id, code };
  }

  /** A warehouse and an item sold by the each, the box of 10 and the case of 12. */
  async stockedItem(onHand?: string, allocated = '0'): Promise<StockKeyFixture & { sku: string }> {
    const warehouse = await this.warehouse();
    const item = await this.item('EA', { BX: '10', CS: '12' });
    if (onHand !== undefined) await this.setBalance(warehouse.id, item.id, onHand, allocated);
    return { warehouseId: warehouse.id, itemId: item.id, sku: item.sku };
  }

  /** Everything a rejected posting must leave untouched. */
  async snapshot({ warehouseId, itemId }: StockKeyFixture) {
    return {
      balance: await this.balance(warehouseId, itemId),
      ledger: await this.movements(warehouseId, itemId),
      balances: await this.count('inventory_balances'),
      movements: await this.count('inventory_movements'),
    };
  }

  /** Sets a balance directly, e.g. allocated stock before the allocation process exists. */
  async setBalance(
    warehouseId: string,
    itemId: string,
    onHand: string,
    allocated = '0',
  ): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO inventory_balances (warehouse_id, item_id, on_hand, allocated) VALUES ($1, $2, $3, $4)
       ON CONFLICT (warehouse_id, item_id) DO UPDATE SET on_hand = $3, allocated = $4
       RETURNING id`,
      [warehouseId, itemId, onHand, allocated],
    );
    return rows[0].id;
  }

  async balance(warehouseId: string, itemId: string): Promise<StockRow | undefined> {
    const { rows } = await this.client.query<StockRow>(
      `SELECT on_hand::text AS "onHand", allocated::text AS allocated, version
         FROM inventory_balances WHERE warehouse_id = $1 AND item_id = $2`,
      [warehouseId, itemId],
    );
    return rows[0];
  }

  /** Number and signed sum (text) of the ledger movements of one balance. */
  async movements(warehouseId: string, itemId: string): Promise<{ count: number; sum: string }> {
    const { rows } = await this.client.query<{ count: number; sum: string }>(
      `SELECT count(*)::int AS count, COALESCE(sum(quantity), 0)::text AS sum
         FROM inventory_movements WHERE warehouse_id = $1 AND item_id = $2`,
      [warehouseId, itemId],
    );
    return rows[0];
  }

  async count(table: 'warehouses' | 'inventory_balances' | 'inventory_movements'): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    return rows[0].n;
  }
}
