import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations, startEmbeddedPostgres } from '../../libs/persistence/src/index';
import {
  TEST_DATABASE_PREFIX,
  TEST_RUN_VARIABLE,
  TEST_SERVER_URL_VARIABLE,
  TEST_TEMPLATE_VARIABLE,
  databaseUrl,
  withAdminClient,
} from './test-database';

declare global {
  var __O2C_EMBEDDED_STOP__: (() => Promise<void>) | undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startEmbeddedServer(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'o2c-test-pg-'));
  // mkdtemp makes it 0700; as root the server runs as the `postgres` user and must get in.
  await chmod(directory, 0o755);
  const server = await startEmbeddedPostgres({
    directory: join(directory, 'data'),
    persistent: false,
    durability: 'test',
    database: 'postgres',
  });
  globalThis.__O2C_EMBEDDED_STOP__ = () => server.stop();
  return server.url;
}

/**
 * Uses the PostgreSQL server in DATABASE_URL, or starts an embedded one in a temporary
 * directory; migrates a template database once; suites copy it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? (await startEmbeddedServer());
  const template = `${TEST_DATABASE_PREFIX}${process.pid}_template`;
  await withAdminClient(serverUrl, async (client) => {
    // Leftovers of runs that were killed: their runner process is gone.
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DATABASE_PREFIX}%'`,
    );
    for (const { datname } of rows) {
      const owner = Number(/^o2c_test_(\d+)_/.exec(datname)?.[1]);
      if (!isAlive(owner) || owner === process.pid) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });
  await runMigrations(databaseUrl(serverUrl, template));
  process.env[TEST_SERVER_URL_VARIABLE] = serverUrl;
  process.env[TEST_TEMPLATE_VARIABLE] = template;
  process.env[TEST_RUN_VARIABLE] = String(process.pid);
}
