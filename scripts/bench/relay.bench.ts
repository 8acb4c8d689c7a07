import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { benchDatabase } from './bench-database';
import { startBenchGateway } from './bench-gateway.process';
import { signBenchToken } from './bench-token';
import { prepareWorkload } from './orders-workload';
import { type BenchWorker, startBenchWorker, waitUntilDrained } from './relay-bench.workers';

/**
 * `npm run bench:relay`: the outbox relay of the real worker process, publishing to NATS
 * JetStream (its own stream, deleted afterwards).
 *  1. throughput: a backlog of BENCH_RELAY_MESSAGES order.released messages (4 per order)
 *     committed at once, drained by 1 worker, then another backlog by 2 workers;
 *  2. lag: orders submitted through the gateway (autocannon) for BENCH_DURATION_S seconds while
 *     one worker relays; p50/p99 of delivered_at - created_at of the messages they wrote.
 */
const MESSAGES = Number(process.env.BENCH_RELAY_MESSAGES ?? 20_000);
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const tag = randomBytes(3).toString('hex');
const nats = { NATS_URL, NATS_STREAM: `BENCH_RELAY_${tag}`, NATS_SUBJECT_PREFIX: `bench_${tag}` };

async function query<T>(
  databaseUrl: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A backlog shaped like order releases: 4 messages per order, a pick list of 5 lines. */
function seedBacklog(databaseUrl: string, count: number, run: string): Promise<unknown[]> {
  return query(
    databaseUrl,
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
     SELECT 'order', $2 || '-' || (g / 4), 'order.released',
            jsonb_build_object(
              'eventType', 'order.released', 'orderNumber', 'SO-' || g, 'warehouseCode', 'DC-EAST',
              'lines', (SELECT jsonb_agg(jsonb_build_object('lineNumber', l, 'sku', 'BRG-' || (g * l),
                                         'quantity', '4.0000', 'uom', 'EA')) FROM generate_series(1, 5) l)),
            jsonb_build_object('correlationId', 'bench-' || g)
       FROM generate_series(1, $1) AS g`,
    [count, run],
  );
}

async function throughput(databaseUrl: string, workers: number): Promise<number> {
  const started: BenchWorker[] = [];
  try {
    for (let index = 0; index < workers; index += 1) {
      started.push(
        await startBenchWorker({
          DATABASE_URL: databaseUrl,
          ...nats,
          OUTBOX_POLL_INTERVAL_MS: '50',
        }),
      );
    }
    // Let each worker connect to NATS and ensure the stream.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const begin = performance.now();
    await seedBacklog(databaseUrl, MESSAGES, `w${workers}`);
    const end = await waitUntilDrained(databaseUrl, 300_000);
    return MESSAGES / ((end - begin) / 1000);
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
  }
}

async function lagUnderOrderLoad(databaseUrl: string) {
  const next = await prepareWorkload(databaseUrl);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
  const gateway = await startBenchGateway(databaseUrl, keyFile);
  const worker = await startBenchWorker({ DATABASE_URL: databaseUrl, ...nats });
  try {
    const token = signBenchToken(keyFile);
    const [{ since }] = await query<{ since: Date }>(databaseUrl, 'SELECT now() AS since');
    const result = await autocannon({
      url: `http://127.0.0.1:${gateway.port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/process/v1/orders',
          setupRequest: (request) => {
            const order = next();
            return {
              ...request,
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                'idempotency-key': randomUUID(),
              },
              body: JSON.stringify({
                customerId: order.customerId,
                channel: 'partner_api',
                externalPoNumber: order.externalPoNumber,
                shipToId: order.shipToId,
                lines: order.lines.map((line) => ({
                  sku: line.sku,
                  quantity: String(line.quantity),
                })),
              }),
            };
          },
        },
      ],
    });
    await waitUntilDrained(databaseUrl, 120_000);
    const [lag] = await query<{ messages: number; p50: number; p99: number; max: number }>(
      databaseUrl,
      `SELECT count(*)::int AS messages,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99, max(lag)::float8 AS max
         FROM (SELECT (EXTRACT(EPOCH FROM delivered_at - created_at) * 1000)::float8 AS lag
                 FROM outbox_messages WHERE created_at >= $1 AND status = 'delivered') AS m`,
      [since],
    );
    return { orders: result['2xx'] / SECONDS, p99Request: result.latency.p99, ...lag };
  } finally {
    await worker.stop();
    gateway.child.kill('SIGTERM');
  }
}

async function deleteStream(): Promise<void> {
  const connection = await connect({ servers: NATS_URL });
  try {
    await (await jetstreamManager(connection)).streams.delete(nats.NATS_STREAM).catch(() => false);
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const database = await benchDatabase({ customers: 500, items: 5000 });
  try {
    process.stdout.write(
      `outbox relay to NATS JetStream, backlog of ${MESSAGES} messages (load average ${loadavg()[0].toFixed(1)})\n`,
    );
    const one = await throughput(database.url, 1);
    process.stdout.write(`1 worker   ${one.toFixed(0).padStart(6)} messages/s\n`);
    const two = await throughput(database.url, 2);
    process.stdout.write(
      `2 workers  ${two.toFixed(0).padStart(6)} messages/s (${(two / one).toFixed(2)}x)\n`,
    );
    const lag = await lagUnderOrderLoad(database.url);
    process.stdout.write(
      [
        `orders through the gateway for ${SECONDS} s at ${CONNECTIONS} connections: ${lag.orders.toFixed(0)} orders/s (request p99 ${lag.p99Request} ms), 1 worker relaying`,
        `outbox lag of their ${lag.messages} messages: p50 ${lag.p50.toFixed(0)} ms, p99 ${lag.p99.toFixed(0)} ms, max ${lag.max.toFixed(0)} ms`,
        `load average at the end: ${loadavg()[0].toFixed(1)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await deleteStream();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
