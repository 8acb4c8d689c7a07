import { randomUUID } from 'node:crypto';
import { Decimal } from '@o2c/domain';
import type { PoolClient } from 'pg';
import type { BenchOrder } from './orders-workload';

/**
 * The baseline as first specified: the customer row locked, the header, 5 lines in one
 * statement, 5 guarded inventory decrements, the exposure update, one process event and one
 * outbox row. It leaves out allocations, stock movements, three of the four events, the outbox
 * rows of other warehouses, audit rows and the Idempotency-Key record that an intake writes;
 * kept to show what those writes cost.
 */
export async function writeMinimalOrder(client: PoolClient, order: BenchOrder): Promise<void> {
  await client.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [order.customerId]);
  // Every line at a unit price of 10.00: the total is exact in Decimal, never a float.
  const total = order.lines
    .reduce((sum, line) => sum.plus(new Decimal(line.quantity).times(10)), new Decimal(0))
    .toFixed(2);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO sales_orders (order_number, customer_id, channel, external_po_number, ship_to_id,
       status, currency, subtotal, total)
     VALUES ($1, $2, 'partner_api', $3, $4, 'released', 'USD', $5, $5) RETURNING id`,
    [`B-${randomUUID()}`, order.customerId, order.externalPoNumber, order.shipToId, total],
  );
  const orderId = rows[0]?.id;
  await client.query(
    `INSERT INTO sales_order_lines (order_id, line_number, item_id, quantity, uom, base_quantity,
       unit_price, price_source, line_total, status, quantity_allocated)
     SELECT $1, n, item, q, 'EA', q, 10, 'list', q * 10, 'accepted', q
     FROM unnest($2::int[], $3::uuid[], $4::numeric[]) AS l(n, item, q)`,
    [
      orderId,
      order.lines.map((_, index) => index + 1),
      order.lines.map((line) => line.itemId),
      order.lines.map((line) => String(line.quantity)),
    ],
  );
  for (const line of order.lines) {
    const updated = await client.query(
      `UPDATE inventory_balances SET allocated = allocated + $3, version = version + 1, updated_at = now()
       WHERE warehouse_id = $1 AND item_id = $2 AND on_hand - allocated >= $3`,
      [line.warehouseId, line.itemId, String(line.quantity)],
    );
    if (updated.rowCount !== 1) throw new Error('not enough stock');
  }
  await client.query(
    'UPDATE customers SET version = version + 1, updated_at = now() WHERE id = $1',
    [order.customerId],
  );
  await client.query(
    `INSERT INTO process_events (object_type, object_id, activity, actor, data)
     VALUES ('order', $1, 'released', 'bench', '{}')`,
    [orderId],
  );
  await client.query(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
     VALUES ('order', $1, 'order.released', '{}')`,
    [orderId],
  );
}
