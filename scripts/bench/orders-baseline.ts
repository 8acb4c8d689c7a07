import { randomUUID } from 'node:crypto';
import { Decimal } from '@o2c/domain';
import { Pool } from 'pg';
import type { BenchOrder } from './orders-workload';

export interface BaselineFigures {
  ordersPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

/**
 * The same writes as an order intake, as one plain pg transaction: the customer row locked
 * (credit serialization), the header, 5 lines in one statement, 5 guarded inventory
 * decrements, the exposure update, one process event and one outbox row. No validation,
 * pricing or allocation planning: this is the floor the gateway is compared with.
 */
export async function runBaseline(
  databaseUrl: string,
  next: () => BenchOrder,
  seconds: number,
  concurrency: number,
): Promise<BaselineFigures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', () => undefined);
  const latencies: number[] = [];
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const order = next();
      const started = process.hrtime.bigint();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
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
        await client.query('COMMIT');
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      } catch {
        failed += 1;
        await client.query('ROLLBACK').catch(() => undefined);
      } finally {
        client.release();
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { ordersPerSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failed };
}
