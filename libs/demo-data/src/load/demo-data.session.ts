import { Client, type ClientBase } from 'pg';
import type { DemoDataSet, DemoTable } from '../model/demo-data.types';
import { DemoDataError, DemoDataErrorCode } from './demo-data.errors';
import { DEMO_TABLES } from './demo-tables';
import { assertSchemaFits } from './schema-fit.guard';
import { insertAll } from './unnest-insert.writer';

/**
 * Advisory lock serialising every demo-data load on a database, so two processes starting
 * against an empty database cannot both load. Arbitrary but fixed: 'O2CDEMO' in ASCII.
 */
export const DEMO_DATA_LOCK_KEY = '22291787649731919';

export type DemoDataCounts = Record<DemoTable, number>;

export interface ExistingRows {
  customers: number;
  items: number;
  warehouses: number;
}

export async function withClient<T>(
  databaseUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'o2c-demo-data' });
  // A dropped connection rejects the pending query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Cheap emptiness test: EXISTS stops at the first row. */
export async function hasDemoTablesData(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ taken: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM items)
            OR EXISTS (SELECT 1 FROM warehouses) AS taken`,
  );
  return rows[0]?.taken ?? false;
}

export async function countExistingRows(client: ClientBase): Promise<ExistingRows> {
  const { rows } = await client.query<{ customers: number; items: number; warehouses: number }>(
    `SELECT (SELECT count(*) FROM customers)::int AS customers,
            (SELECT count(*) FROM items)::int AS items,
            (SELECT count(*) FROM warehouses)::int AS warehouses`,
  );
  return rows[0] ?? { customers: 0, items: 0, warehouses: 0 };
}

export function notEmptyError(existing: ExistingRows): DemoDataError {
  return new DemoDataError(
    DemoDataErrorCode.NOT_EMPTY,
    `Demo data loads only into empty tables; found ${existing.customers} customers, ` +
      `${existing.items} items and ${existing.warehouses} warehouses`,
  );
}

/**
 * Runs `work` in one transaction holding the demo-data advisory lock (released at commit or
 * rollback). Anything `work` throws rolls the whole load back.
 */
export async function inLockedTransaction<T>(
  client: ClientBase,
  work: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [DEMO_DATA_LOCK_KEY]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function assertDemoSchema(client: ClientBase): Promise<void> {
  await assertSchemaFits(client, DEMO_TABLES);
}

/** Inserts every table, parents first. Call inside `inLockedTransaction`. */
export async function writeDemoData(
  client: ClientBase,
  data: DemoDataSet,
  batchSize?: number,
): Promise<DemoDataCounts> {
  const counts = {} as DemoDataCounts;
  for (const writer of DEMO_TABLES) {
    counts[writer.key] = await insertAll(client, writer, data, batchSize);
  }
  return counts;
}

/** Fresh planner statistics after a bulk load: otherwise the first queries plan for empty tables. */
export async function analyzeDemoTables(client: ClientBase): Promise<void> {
  const tables = DEMO_TABLES.map((writer) => `"${writer.table}"`).join(', ');
  await client.query(`ANALYZE ${tables}`);
}
