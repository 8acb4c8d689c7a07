import { Pool, type PoolClient } from 'pg';
import type { ReleasedOrder } from './shipments-workload';

export interface ShipmentBaselineFigures {
  shipmentsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  exhausted: boolean;
}

const SERIES = 'BENCH';

/**
 * The writes of a shipped event, as one plain pg transaction: the inbox row, the customer and
 * order locked, allocations marked shipped, one guarded balance update per line (on hand and
 * allocated together), lines and order updated, the shipment and its lines, a gap-free invoice
 * number, the invoice and its lines, process events and outbox rows. No validation, pricing,
 * tax rules, ship notice or audit trail: the floor the gateway is compared with.
 */
export async function runShipmentBaseline(
  databaseUrl: string,
  orders: ReleasedOrder[],
  warehouseId: string,
  seconds: number,
  concurrency: number,
): Promise<ShipmentBaselineFigures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', () => undefined);
  await pool.query(
    `INSERT INTO invoice_number_series (series, description) VALUES ($1, 'bench baseline')
     ON CONFLICT (series) DO NOTHING`,
    [SERIES],
  );
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until && next < orders.length) {
      const order = orders[next];
      next += 1;
      const started = process.hrtime.bigint();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await ship(client, order, warehouseId);
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
  return {
    shipmentsPerSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    failed,
    exhausted: next >= orders.length,
  };
}

async function ship(client: PoolClient, order: ReleasedOrder, warehouseId: string): Promise<void> {
  const lineIds = order.lines.map((line) => line.orderLineId);
  const items = order.lines.map((line) => line.itemId);
  const quantities = order.lines.map((line) => String(line.quantity));
  await client.query(
    `INSERT INTO inbound_events (source, external_event_id, event_type, occurred_at, payload)
     VALUES ('bench:baseline', $1, 'shipped', now(), '{}')`,
    [order.orderNumber],
  );
  await client.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [order.customerId]);
  await client.query('SELECT id FROM sales_orders WHERE id = $1 FOR UPDATE', [order.orderId]);
  await client.query(
    `UPDATE allocations SET status = 'shipped', version = version + 1, updated_at = now()
      WHERE order_line_id = ANY($1::uuid[]) AND status = 'released'`,
    [lineIds],
  );
  const balances = await client.query(
    `UPDATE inventory_balances b
        SET on_hand = b.on_hand - w.q, allocated = b.allocated - w.q,
            version = b.version + 1, updated_at = now()
       FROM (SELECT item, sum(q) AS q FROM unnest($2::uuid[], $3::numeric[]) AS x(item, q)
              GROUP BY item) w
      WHERE b.warehouse_id = $1 AND b.item_id = w.item AND b.allocated >= w.q
        AND b.on_hand - w.q >= b.allocated - w.q`,
    [warehouseId, items, quantities],
  );
  if (balances.rowCount !== new Set(items).size) throw new Error('stock guard failed');
  await client.query(
    `UPDATE sales_order_lines SET quantity_shipped = base_quantity, quantity_allocated = 0,
            status = 'shipped', version = version + 1, updated_at = now()
      WHERE order_id = $1`,
    [order.orderId],
  );
  const { rows: shipment } = await client.query<{ id: string }>(
    `INSERT INTO shipments (shipment_number, order_id, warehouse_id, status, shipped_at, last_event_at)
     VALUES ($1, $2, $3, 'shipped', now(), now()) RETURNING id`,
    [`BSB-${order.orderNumber}`, order.orderId, warehouseId],
  );
  const shipmentId = shipment[0]?.id;
  await client.query(
    `INSERT INTO shipment_lines (shipment_id, order_line_id, quantity)
     SELECT $1, line, q FROM unnest($2::uuid[], $3::numeric[]) AS l(line, q)`,
    [shipmentId, lineIds, quantities],
  );
  const { rows: order_ } = await client.query<{ total: string }>(
    `UPDATE sales_orders SET status = 'invoiced', version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING total::text`,
    [order.orderId],
  );
  const total = order_[0]?.total ?? '0';
  const { rows: number } = await client.query<{ number: string }>(
    `UPDATE invoice_number_series SET next_number = next_number + 1, version = version + 1,
            updated_at = now() WHERE series = $1 RETURNING (next_number - 1)::text AS number`,
    [SERIES],
  );
  const { rows: invoice } = await client.query<{ id: string }>(
    `INSERT INTO invoices (series, invoice_number, customer_id, order_id, shipment_id, currency,
       issue_date, due_date, payment_terms, subtotal, total, open_balance, shipped_to_invoiced_ms)
     VALUES ($1, $2, $3, $4, $5, 'USD', current_date, current_date + 30, 'NET30', $6, $6, $6, 0)
     RETURNING id`,
    [SERIES, number[0]?.number, order.customerId, order.orderId, shipmentId, total],
  );
  await client.query(
    `INSERT INTO invoice_lines (invoice_id, line_number, order_line_id, item_id, quantity,
       unit_price, line_net, line_total)
     SELECT $1, l.line_number, l.id, l.item_id, l.quantity, l.unit_price, l.line_total, l.line_total
       FROM sales_order_lines l WHERE l.order_id = $2`,
    [invoice[0]?.id, order.orderId],
  );
  await client.query(
    `INSERT INTO process_events (object_type, object_id, activity, actor, data)
     VALUES ('order', $1, 'order.invoiced', 'bench', '{}'),
            ('shipment', $2, 'shipment.shipped', 'bench', '{}')`,
    [order.orderId, shipmentId],
  );
  await client.query(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
     VALUES ('shipment', $1, 'shipment.shipped', '{}'), ('invoice', $2, 'invoice.issued', '{}')`,
    [shipmentId, invoice[0]?.id],
  );
}
