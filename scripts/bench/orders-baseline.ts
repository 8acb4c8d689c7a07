import { Pool, type PoolClient } from 'pg';
import type { BenchOrder } from './orders-workload';

/** The writes of one order, inside the transaction runBaseline opens. */
export type OrderWriter = (client: PoolClient, order: BenchOrder) => Promise<void>;

export interface BaselineFigures {
  ordersPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

/** `concurrency` workers writing orders, each in a plain pg transaction, on a pool of 8. */
export async function runBaseline(
  databaseUrl: string,
  next: () => BenchOrder,
  options: { seconds: number; concurrency: number; write: OrderWriter },
): Promise<BaselineFigures> {
  const { seconds, concurrency, write } = options;
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
        await write(client, order);
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
