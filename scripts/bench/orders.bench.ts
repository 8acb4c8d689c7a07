import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { benchDatabase } from './bench-database';
import { type CpuFigures, meterCpu } from './cpu-meter';
import { startBenchGateway } from './bench-gateway.process';
import { signBenchToken } from './bench-token';
import { writeIntakeOrder } from './baseline-intake-writes';
import { writeMinimalOrder } from './baseline-minimal-writes';
import { runBaseline } from './orders-baseline';
import { type BenchOrder, prepareWorkload } from './orders-workload';

/**
 * `npm run bench:orders`: seeds 10,000 customers and 100,000 items, then drives
 * POST /process/v1/orders with 5-line orders (autocannon, 32 connections) and, in the same
 * run, a plain pg transaction doing the equivalent writes (the baseline), then the minimal
 * transaction the baseline first was (for comparison). Targets (issue): >= 50 % of the
 * baseline's throughput and p99 < 50 ms.
 */
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);

function orderBody(order: BenchOrder): string {
  return JSON.stringify({
    customerId: order.customerId,
    channel: 'partner_api',
    externalPoNumber: order.externalPoNumber,
    shipToId: order.shipToId,
    lines: order.lines.map((line) => ({ sku: line.sku, quantity: String(line.quantity) })),
  });
}

async function statusCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ status: string; n: string }>(
    `SELECT status, count(*)::text AS n FROM sales_orders WHERE order_number NOT LIKE 'B-%' GROUP BY status`,
  );
  await client.end();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function main(): Promise<void> {
  const seeding = Date.now();
  const database = await benchDatabase({ customers: CUSTOMERS, items: ITEMS });
  process.stdout.write(
    `seeded ${CUSTOMERS} customers / ${ITEMS} items in ${Date.now() - seeding} ms\n`,
  );
  const next = await prepareWorkload(database.url);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
  const server = await startBenchGateway(database.url, keyFile);
  try {
    const token = signBenchToken(keyFile);
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${server.port}`,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/process/v1/orders',
            setupRequest: (request) => ({
              ...request,
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                'idempotency-key': randomUUID(),
              },
              body: orderBody(next()),
            }),
          },
        ],
      });
    process.stdout.write('warming up...\n');
    await run(3);
    const gatewayMeter = await meterCpu(database.url, server.child.pid ?? 0);
    const gateway = await run(SECONDS);
    const gatewayCpu = await gatewayMeter();
    const created = gateway['2xx'];
    const gatewayRate = created / SECONDS;
    const statuses = await statusCounts(database.url);
    const baselineOf = async (write: typeof writeIntakeOrder) => {
      const meter = await meterCpu(database.url, process.pid);
      const figures = await runBaseline(database.url, next, {
        seconds: SECONDS,
        concurrency: CONNECTIONS,
        write,
      });
      return { ...figures, cpu: await meter() };
    };
    const baseline = await baselineOf(writeIntakeOrder);
    const minimal = await baselineOf(writeMinimalOrder);
    // CPU milliseconds per order: less sensitive than throughput to a busy shared machine.
    const perOrder = (label: string, cpu: CpuFigures, orders: number) =>
      `${label.padEnd(9)} CPU per order: client ${((cpu.client * 1000) / orders).toFixed(2)} ms, PostgreSQL backends ${((cpu.database * 1000) / orders).toFixed(2)} ms`;
    const ratio = gatewayRate / baseline.ordersPerSecond;
    const baselineLine = (label: string, figures: typeof baseline) =>
      `${label.padEnd(9)} ${figures.ordersPerSecond.toFixed(0).padStart(6)} orders/s   p50 ${figures.p50.toFixed(1)} ms   p99 ${figures.p99.toFixed(1)} ms   failed ${figures.failed}`;
    process.stdout.write(
      [
        `POST /process/v1/orders, 5-line orders, ${SECONDS} s, ${CONNECTIONS} connections, pool 8`,
        `gateway   ${gatewayRate.toFixed(0).padStart(6)} orders/s   p50 ${gateway.latency.p50} ms   p99 ${gateway.latency.p99} ms   non-2xx ${gateway.non2xx}   errors ${gateway.errors}`,
        `${baselineLine('baseline', baseline)}   (the intake's writes, plain pg)`,
        `${baselineLine('minimal', minimal)}   (order, lines, decrements, exposure, 1 event, 1 outbox row)`,
        perOrder('gateway', gatewayCpu, created),
        perOrder('baseline', baseline.cpu, baseline.ordersPerSecond * SECONDS),
        perOrder('minimal', minimal.cpu, minimal.ordersPerSecond * SECONDS),
        `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
        `order statuses after the gateway run: ${JSON.stringify(statuses)}`,
        `gateway reaches ${(ratio * 100).toFixed(1)} % of the baseline (target >= 50 %): ${ratio >= 0.5 ? 'met' : 'MISSED'}; ${((gatewayRate / minimal.ordersPerSecond) * 100).toFixed(1)} % of the minimal one`,
        `gateway p99 ${gateway.latency.p99} ms (target < 50 ms): ${gateway.latency.p99 < 50 ? 'met' : 'MISSED'}`,
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
