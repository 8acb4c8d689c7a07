import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { benchDatabase } from './bench-database';
import { startBenchGateway } from './bench-gateway.process';
import { runShipmentBaseline } from './shipments-baseline';
import {
  type ReleasedOrder,
  seedReleasedOrders,
  shippedEventBody,
  signWarehouseToken,
} from './shipments-workload';

/**
 * `npm run bench:shipments`: seeds released 3-line orders, then drives shipped events
 * (POST /process/v1/shipment-events, each confirming one whole order and issuing its invoice
 * in the same transaction) with autocannon, and runs the equivalent plain pg transaction in the
 * same run. Prints events/s, request latency, and the shipment-to-invoice latency the invoices
 * recorded (shipped_to_invoiced_ms: from the event's occurredAt, stamped as it is sent, to the
 * invoice). Sized for a 2-core machine: about a minute and a half with the defaults.
 */
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 9000);
const WARM_UP_SECONDS = 3;

interface LatencyFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The invoices the gateway issued during the measured run, from their recorded latency. */
async function invoiceLatency(databaseUrl: string, since: Date): Promise<LatencyFigures> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<LatencyFigures>(
      `SELECT count(*)::int AS count,
              COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY shipped_to_invoiced_ms), 0)::float AS p50,
              COALESCE(percentile_cont(0.99) WITHIN GROUP (ORDER BY shipped_to_invoiced_ms), 0)::float AS p99,
              COALESCE(max(shipped_to_invoiced_ms), 0)::float AS max
         FROM invoices WHERE series <> 'BENCH' AND created_at >= $1`,
      [since],
    );
    return rows[0] ?? { count: 0, p50: NaN, p99: NaN, max: NaN };
  } finally {
    await client.end();
  }
}

async function orderStatuses(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ status: string; n: string }>(
    `SELECT o.status, count(*)::text AS n FROM sales_orders o
      WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.series = 'BENCH')
      GROUP BY o.status`,
  );
  await client.end();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function main(): Promise<void> {
  const seeding = Date.now();
  const database = await benchDatabase();
  const workload = await seedReleasedOrders(database.url, { gateway: ORDERS, baseline: ORDERS });
  process.stdout.write(
    `seeded ${ORDERS * 2} released 3-line orders in ${Date.now() - seeding} ms\n`,
  );
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
  const server = await startBenchGateway(database.url, keyFile);
  try {
    const token = signWarehouseToken(keyFile, workload.warehouseCode);
    let next = 0;
    const nextOrder = (): ReleasedOrder => {
      const order = workload.gateway[next % workload.gateway.length];
      next += 1;
      return order;
    };
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${server.port}`,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/process/v1/shipment-events',
            setupRequest: (request) => ({
              ...request,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: shippedEventBody(nextOrder(), workload.warehouseCode),
            }),
          },
        ],
      });
    process.stdout.write('warming up...\n');
    await run(WARM_UP_SECONDS);
    const measuredFrom = new Date();
    const gateway = await run(SECONDS);
    const confirmed = gateway['2xx'];
    const gatewayRate = confirmed / SECONDS;
    const invoices = await invoiceLatency(database.url, measuredFrom);
    const statuses = await orderStatuses(database.url);
    const baseline = await runShipmentBaseline(
      database.url,
      workload.baseline,
      workload.warehouseId,
      SECONDS,
      CONNECTIONS,
    );
    const ratio = gatewayRate / baseline.shipmentsPerSecond;
    process.stdout.write(
      [
        `POST /process/v1/shipment-events, shipped events of 3-line orders, ${SECONDS} s, ${CONNECTIONS} connections, pool 8`,
        `gateway   ${gatewayRate.toFixed(0).padStart(6)} events/s   request p50 ${gateway.latency.p50} ms   p99 ${gateway.latency.p99} ms   non-2xx ${gateway.non2xx}   errors ${gateway.errors}`,
        `          shipment-to-invoice (invoices.shipped_to_invoiced_ms, ${invoices.count} invoices): p50 ${invoices.p50.toFixed(0)} ms   p99 ${invoices.p99.toFixed(0)} ms   max ${invoices.max.toFixed(0)} ms`,
        `baseline  ${baseline.shipmentsPerSecond.toFixed(0).padStart(6)} shipments/s   p50 ${baseline.p50.toFixed(1)} ms   p99 ${baseline.p99.toFixed(1)} ms   failed ${baseline.failed}${baseline.exhausted ? '   (ran out of orders: raise BENCH_ORDERS)' : ''}`,
        `order statuses after the gateway run: ${JSON.stringify(statuses)}`,
        `gateway reaches ${(ratio * 100).toFixed(1)} % of the baseline's throughput`,
        next > workload.gateway.length
          ? `note: ${next} events for ${workload.gateway.length} orders - later events repeated orders (raise BENCH_ORDERS)`
          : `${next} events sent for ${workload.gateway.length} seeded orders`,
        '',
      ].join('\n'),
    );
  } finally {
    server.child.kill('SIGTERM');
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
