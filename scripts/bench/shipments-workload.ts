import { randomUUID } from 'node:crypto';
import { loadEnvironment } from '@o2c/config';
import { Decimal } from '@o2c/domain';
import { loadOrCreateSigningKey, TokenIssuer } from '@o2c/governance';
import { Client } from 'pg';

/** A released order waiting in one warehouse: each line fully allocated there. */
export interface ReleasedOrder {
  orderId: string;
  orderNumber: string;
  customerId: string;
  lines: { orderLineId: string; lineNumber: number; itemId: string; quantity: number }[];
}

export interface ShipmentWorkload {
  warehouseId: string;
  warehouseCode: string;
  /** Released orders for the gateway run and, apart, for the baseline. */
  gateway: ReleasedOrder[];
  baseline: ReleasedOrder[];
}

const LINES_PER_ORDER = 3;
const BATCH = 1000;

interface CustomerRow {
  id: string;
  ship_to_id: string;
}

interface ItemRow {
  id: string;
  base_uom: string;
  list_price: string;
}

/**
 * Released orders written straight to the bench database (set-based, in batches), the way
 * intake leaves them: header, 3 lines allocated in full in one warehouse, their allocations
 * `released`, and the warehouse's balances reserved. Every customer is active with ample credit
 * and the warehouse has ample stock, so every shipment event can go straight through.
 */
export async function seedReleasedOrders(
  databaseUrl: string,
  counts: { gateway: number; baseline: number },
): Promise<ShipmentWorkload> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE customers SET status = 'active', credit_limit = 900000000000,
      margin_floor_percent = NULL, currency = 'USD'`);
    const [warehouse] = (
      await client.query<{ id: string; code: string }>(
        'SELECT id, code FROM warehouses WHERE active ORDER BY code LIMIT 1',
      )
    ).rows;
    if (!warehouse) throw new Error('seeded data has no warehouse');
    await client.query(
      'UPDATE inventory_balances SET on_hand = 100000000, allocated = 0 WHERE warehouse_id = $1',
      [warehouse.id],
    );
    const customers = (
      await client.query<CustomerRow>(
        `SELECT DISTINCT ON (c.id) c.id, s.id AS ship_to_id
           FROM customers c JOIN customer_ship_tos s ON s.customer_id = c.id
          ORDER BY c.id, s.code`,
      )
    ).rows;
    const items = (
      await client.query<ItemRow>(
        `SELECT i.id, i.base_uom, i.list_price::text AS list_price
           FROM items i JOIN inventory_balances b ON b.item_id = i.id AND b.warehouse_id = $1
          WHERE i.sellable AND i.currency = 'USD' AND i.list_price > 0
          ORDER BY i.id LIMIT 5000`,
        [warehouse.id],
      )
    ).rows;
    if (customers.length === 0 || items.length < LINES_PER_ORDER) {
      throw new Error('seeded data is missing customers or stocked items');
    }
    const all = plannedOrders(counts.gateway + counts.baseline, customers, items);
    for (let start = 0; start < all.length; start += BATCH) {
      await insertOrders(client, warehouse.id, all.slice(start, start + BATCH), customers, items);
    }
    await client.query(
      `UPDATE inventory_balances b SET allocated = s.quantity
         FROM (SELECT item_id, sum(quantity) AS quantity FROM allocations
                WHERE warehouse_id = $1 AND status = 'released' GROUP BY item_id) s
        WHERE b.warehouse_id = $1 AND b.item_id = s.item_id`,
      [warehouse.id],
    );
    await client.query(
      'ANALYZE sales_orders; ANALYZE sales_order_lines; ANALYZE allocations; ANALYZE inventory_balances',
    );
    return {
      warehouseId: warehouse.id,
      warehouseCode: warehouse.code,
      gateway: all.slice(0, counts.gateway),
      baseline: all.slice(counts.gateway),
    };
  } finally {
    await client.end();
  }
}

function plannedOrders(count: number, customers: CustomerRow[], items: ItemRow[]): ReleasedOrder[] {
  return Array.from({ length: count }, (_, n) => ({
    orderId: randomUUID(),
    orderNumber: `BS${String(n + 1).padStart(9, '0')}`,
    customerId: customers[n % customers.length].id,
    lines: Array.from({ length: LINES_PER_ORDER }, (_unused, index) => ({
      orderLineId: randomUUID(),
      lineNumber: index + 1,
      itemId: items[(n * 7 + index * 1_777) % items.length].id,
      quantity: 1 + ((n + index) % 4),
    })),
  }));
}

async function insertOrders(
  client: Client,
  warehouseId: string,
  orders: ReleasedOrder[],
  customers: CustomerRow[],
  items: ItemRow[],
): Promise<void> {
  const shipTo = new Map(customers.map((customer) => [customer.id, customer.ship_to_id]));
  const item = new Map(items.map((row) => [row.id, row]));
  const lines = orders.flatMap((order) =>
    order.lines.map((line) => {
      const { base_uom: uom, list_price: price } = item.get(line.itemId) as ItemRow;
      return { order, line, uom, price, total: new Decimal(price).times(line.quantity) };
    }),
  );
  const totals = new Map<string, Decimal>();
  for (const entry of lines) {
    totals.set(
      entry.order.orderId,
      (totals.get(entry.order.orderId) ?? new Decimal(0)).plus(entry.total),
    );
  }
  await client.query(
    `INSERT INTO sales_orders (id, order_number, customer_id, channel, ship_to_id, status, currency,
       subtotal, total)
     SELECT id, number, customer, 'partner_api', ship_to, 'released', 'USD', total, total
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::numeric[])
         AS o(id, number, customer, ship_to, total)`,
    [
      orders.map((order) => order.orderId),
      orders.map((order) => order.orderNumber),
      orders.map((order) => order.customerId),
      orders.map((order) => shipTo.get(order.customerId)),
      orders.map((order) => (totals.get(order.orderId) ?? new Decimal(0)).toFixed(2)),
    ],
  );
  await client.query(
    `INSERT INTO sales_order_lines (id, order_id, line_number, item_id, quantity, uom, base_quantity,
       unit_price, price_source, line_total, status, quantity_allocated)
     SELECT id, order_id, n, item, q, uom, q, price, 'list', total, 'accepted', q
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::numeric[], $6::text[],
                   $7::numeric[], $8::numeric[]) AS l(id, order_id, n, item, q, uom, price, total)`,
    [
      lines.map((entry) => entry.line.orderLineId),
      lines.map((entry) => entry.order.orderId),
      lines.map((entry) => entry.line.lineNumber),
      lines.map((entry) => entry.line.itemId),
      lines.map((entry) => String(entry.line.quantity)),
      lines.map((entry) => entry.uom),
      lines.map((entry) => entry.price),
      lines.map((entry) => entry.total.toFixed(2)),
    ],
  );
  await client.query(
    `INSERT INTO allocations (order_line_id, warehouse_id, item_id, quantity, status)
     SELECT line, $1, item, q, 'released'
       FROM unnest($2::uuid[], $3::uuid[], $4::numeric[]) AS a(line, item, q)`,
    [
      warehouseId,
      lines.map((entry) => entry.line.orderLineId),
      lines.map((entry) => entry.line.itemId),
      lines.map((entry) => String(entry.line.quantity)),
    ],
  );
}

/** The shipped event a warehouse system sends for the whole order, stamped now. */
export function shippedEventBody(order: ReleasedOrder, warehouseCode: string): string {
  return JSON.stringify({
    eventId: `bench-${randomUUID()}`,
    type: 'shipped',
    occurredAt: new Date().toISOString(),
    warehouseCode,
    warehouseShipmentId: `BSH-${order.orderNumber}`,
    orderNumber: order.orderNumber,
    carrier: { scac: 'UPSN', serviceLevel: 'GROUND' },
    trackingNumber: `1Z${order.orderNumber}`,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      quantity: String(line.quantity),
      packageId: `CTN-${order.orderNumber}`,
    })),
  });
}

/** A warehouse system's token for the bench warehouse, signed with the bench gateway's key. */
export function signWarehouseToken(keyFile: string, warehouseCode: string): string {
  const issuer = new TokenIssuer(
    loadOrCreateSigningKey(keyFile),
    loadEnvironment({ JWT_SIGNING_KEY_FILE: keyFile, ACCESS_TOKEN_TTL_SECONDS: '3600' }),
  );
  return issuer.issue({
    subject: 'bench-wms',
    kind: 'warehouse_client',
    scopes: ['shipment-events:warehouse', 'shipments:read'],
    warehouseCodes: [warehouseCode],
    customerIds: [],
  }).accessToken;
}
