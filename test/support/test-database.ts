import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup: the server the suites use and the migrated template they copy. */
export const TEST_SERVER_URL_VARIABLE = 'O2C_TEST_SERVER_URL';
export const TEST_TEMPLATE_VARIABLE = 'O2C_TEST_TEMPLATE_DATABASE';
export const TEST_DATABASE_PREFIX = 'o2c_test_';
export const TEST_RUN_VARIABLE = 'O2C_TEST_RUN_PID';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(
  serverUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Each suite gets its own database, copied from the migrated template (about 0.1-0.3 s),
 * so suites run in parallel without sharing rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE];
  const template = process.env[TEST_TEMPLATE_VARIABLE];
  if (!serverUrl || !template) throw new Error('test/support/global-setup.ts did not run');
  const name = `${TEST_DATABASE_PREFIX}${process.env[TEST_RUN_VARIABLE]}_${randomBytes(5).toString('hex')}`;
  await withAdminClient(serverUrl, async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two copies of one template can collide briefly ("being accessed by other users").
        if (attempt >= 20 || !/being accessed/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  });
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: () =>
      withAdminClient(serverUrl, async (client) => {
        await untilDisconnected(client, name);
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/**
 * Waits (up to 2 s) until no session is connected to `database`. A pool a suite has just
 * closed may still have connections on their way out; dropping WITH (FORCE) at that moment
 * terminates them, and the closing client reports the termination as an unhandled error.
 * FORCE then only ends what a suite really left open.
 */
async function untilDisconnected(client: Client, database: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const { rows } = await client.query<{ sessions: number }>(
      'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    if ((rows[0]?.sessions ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
