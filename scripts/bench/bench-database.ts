import { randomBytes } from 'node:crypto';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '@o2c/demo-data';
import { runMigrations, startEmbeddedPostgres } from '@o2c/persistence';
import { Client } from 'pg';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A throwaway database with the demo data set: a new database on the server in DATABASE_URL,
 * or an embedded server in a temp directory when DATABASE_URL is unset.
 */
export async function benchDatabase(
  options: { customers?: number; items?: number } = {},
): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = (): Promise<void> => Promise.resolve();
  if (!serverUrl) {
    const directory = mkdtempSync(join(tmpdir(), 'o2c-bench-pg-'));
    chmodSync(directory, 0o755);
    const server = await startEmbeddedPostgres({
      directory: join(directory, 'data'),
      persistent: false,
      database: 'postgres',
    });
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  const name = `o2c_bench_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  await seedDemoData(url, {
    customers: options.customers ?? 200,
    items: options.items ?? 2000,
    seed: 42,
  });
  return {
    url,
    drop: async () => {
      await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await stopServer();
    },
  };
}
