import { createHash, randomUUID } from 'node:crypto';
import { Decimal } from '@o2c/domain';
import type { PoolClient } from 'pg';
import type { BenchOrder } from './orders-workload';

/** An audit row: the record's images as JSON text, each with its sha256 digest. */
function audited(table: string, id: string, before: object | null, after: object): string {
  const json = (image: object | null) => (image === null ? 'null' : JSON.stringify(image));
  const digest = (text: string) =>
    text === 'null' ? null : createHash('sha256').update(text).digest('hex');
  const [beforeJson, afterJson] = [json(before), json(after)];
  return `[${JSON.stringify(table)},${JSON.stringify(id)},${JSON.stringify(digest(beforeJson))},${JSON.stringify(digest(afterJson))},${beforeJson},${afterJson}]`;
}

/**
 * The rows an order intake writes, as one plain pg transaction: the customer row locked
 * (credit serialization), the header, 5 lines in one statement, 5 guarded inventory
 * decrements, the exposure update, an allocation and a stock movement per line, the four
 * process events of a straight-through order (received, validated, allocated, released), one
 * outbox row per warehouse, an audit row per written record (with before/after images and
 * their digests) and the Idempotency-Key record with its answer. No validation, pricing or
 * allocation planning: this is the floor the gateway is compared with.
 */
export async function writeIntakeOrder(client: PoolClient, order: BenchOrder): Promise<void> {
  const actor = 'internal:bench';
  await client.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [order.customerId]);
  // Every line at a unit price of 10.00: the total is exact in Decimal, never a float.
  const total = order.lines
    .reduce((sum, line) => sum.plus(new Decimal(line.quantity).times(10)), new Decimal(0))
    .toFixed(2);
  const orderNumber = `B-${randomUUID()}`;
  const { rows } = await client.query<{ id: string; created_at: Date }>(
    `INSERT INTO sales_orders (order_number, customer_id, channel, external_po_number, ship_to_id,
       status, currency, subtotal, total)
     VALUES ($1, $2, 'partner_api', $3, $4, 'released', 'USD', $5, $5) RETURNING id, created_at`,
    [orderNumber, order.customerId, order.externalPoNumber, order.shipToId, total],
  );
  const orderId = rows[0]?.id ?? '';
  const lines = order.lines.map((line, index) => ({
    ...line,
    id: randomUUID(),
    lineNumber: index + 1,
    allocationId: randomUUID(),
    movementId: randomUUID(),
  }));
  await client.query(
    `INSERT INTO sales_order_lines (id, order_id, line_number, item_id, quantity, uom, base_quantity,
       unit_price, price_source, line_total, status, quantity_allocated)
     SELECT id, $1, n, item, q, 'EA', q, 10, 'list', q * 10, 'accepted', q
     FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::numeric[]) AS l(id, n, item, q)`,
    [
      orderId,
      lines.map((line) => line.id),
      lines.map((line) => line.lineNumber),
      lines.map((line) => line.itemId),
      lines.map((line) => String(line.quantity)),
    ],
  );
  const balances = [];
  for (const line of lines) {
    const updated = await client.query<{ id: string; on_hand: string; allocated: string }>(
      `UPDATE inventory_balances SET allocated = allocated + $3, version = version + 1, updated_at = now()
       WHERE warehouse_id = $1 AND item_id = $2 AND on_hand - allocated >= $3
       RETURNING id, on_hand::text, allocated::text, version`,
      [line.warehouseId, line.itemId, String(line.quantity)],
    );
    if (updated.rowCount !== 1) throw new Error('not enough stock');
    balances.push(updated.rows[0]);
  }
  await client.query(
    'UPDATE customers SET version = version + 1, updated_at = now() WHERE id = $1',
    [order.customerId],
  );
  await client.query(
    `INSERT INTO allocations (id, order_line_id, warehouse_id, item_id, quantity, status)
     SELECT * , 'released' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[])`,
    [
      lines.map((line) => line.allocationId),
      lines.map((line) => line.id),
      lines.map((line) => line.warehouseId),
      lines.map((line) => line.itemId),
      lines.map((line) => String(line.quantity)),
    ],
  );
  await client.query(
    `INSERT INTO inventory_movements (id, warehouse_id, item_id, type, quantity, reason, reference, actor)
     SELECT id, w, i, 'allocation', q, r, 'allocation:' || a, $7
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::uuid[])
         AS m(id, w, i, q, r, a)`,
    [
      lines.map((line) => line.movementId),
      lines.map((line) => line.warehouseId),
      lines.map((line) => line.itemId),
      lines.map((line) => String(line.quantity)),
      lines.map((line) => `order ${orderNumber} line ${line.lineNumber}`),
      lines.map((line) => line.allocationId),
      actor,
    ],
  );
  const activities = ['order.received', 'order.validated', 'order.allocated', 'order.released'];
  await client.query(
    `INSERT INTO process_events (object_type, object_id, activity, actor, data)
     SELECT 'order', $1, a, 'bench', '{}' FROM unnest($2::text[]) AS e(a)`,
    [orderId, activities],
  );
  const warehouses = [...new Set(lines.map((line) => line.warehouseId))];
  await client.query(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
     SELECT 'order', $1, 'order.released', jsonb_build_object('warehouseId', w)
       FROM unnest($2::uuid[]) AS o(w)`,
    [orderId, warehouses],
  );
  const createdAt = rows[0]?.created_at.toISOString();
  const stamps = { version: 1, createdAt, updatedAt: createdAt };
  const header = {
    id: orderId,
    ...stamps,
    orderNumber,
    customerId: order.customerId,
    channel: 'partner_api',
    externalPoNumber: order.externalPoNumber,
    shipToId: order.shipToId,
    requestedDate: null,
    status: 'released',
    statusReason: null,
    currency: 'USD',
    subtotal: total,
    taxTotal: '0.0000',
    freight: '0.0000',
    total,
    touchless: true,
    revision: 1,
    replacesOrderId: null,
    replacedByOrderId: null,
  };
  const lineImages = lines.map((line) => ({
    id: line.id,
    ...stamps,
    orderId,
    lineNumber: line.lineNumber,
    itemId: line.itemId,
    customerItemNumber: null,
    quantity: String(line.quantity),
    uom: 'EA',
    baseQuantity: String(line.quantity),
    requestedUnitPrice: null,
    contractUnitPrice: null,
    unitPrice: '10.0000',
    priceSource: 'list',
    lineTotal: String(line.quantity * 10),
    status: 'accepted',
    substitutedForItemId: null,
    quantityAllocated: String(line.quantity),
    quantityShipped: '0.0000',
    quantityBackordered: '0.0000',
    quantityRejected: '0.0000',
  }));
  const audit = [
    audited('sales_orders', orderId, null, header),
    ...lines.flatMap((line, index) => [
      audited('sales_order_lines', line.id, null, lineImages[index] ?? {}),
      audited('allocations', line.allocationId, null, {
        id: line.allocationId,
        ...stamps,
        orderLineId: line.id,
        warehouseId: line.warehouseId,
        itemId: line.itemId,
        quantity: String(line.quantity),
        status: 'released',
      }),
      audited('inventory_movements', line.movementId, null, {
        id: line.movementId,
        warehouseId: line.warehouseId,
        itemId: line.itemId,
        type: 'allocation',
        quantity: String(line.quantity),
        reason: `order ${orderNumber} line ${line.lineNumber}`,
        reference: `allocation:${line.allocationId}`,
        actor,
        createdAt,
      }),
    ]),
    ...balances.map((balance) =>
      audited('inventory_balances', balance?.id ?? '', { ...balance }, { ...balance }),
    ),
  ];
  // All audit rows as one JSON document: the images travel as JSON, not as escaped text.
  await client.query(
    `INSERT INTO audit_log (principal, principal_type, operation, object_type, object_id,
       before_digest, after_digest, before, after)
     SELECT $1, 'internal', 'submitOrder', r->>0, r->>1, r->>2, r->>3,
            NULLIF(r->4, 'null'::jsonb), r->5
       FROM jsonb_array_elements($2::jsonb) AS r`,
    [actor, `[${audit.join(',')}]`],
  );
  const answer = JSON.stringify({ ...header, lines: lineImages });
  await client.query(
    `INSERT INTO idempotency_records (consumer_id, operation_id, key, request_method, request_path,
       request_hash, status, expires_at, response_status, response_body, response_headers)
     VALUES ($1, 'submitOrder', $2, 'POST', '/process/v1/orders', $3, 'completed',
       now() + interval '24 hours', 201, $4, '{}')`,
    [actor, randomUUID(), createHash('sha256').update(answer).digest('hex'), answer],
  );
}
