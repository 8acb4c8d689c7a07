import {
  isPortFree,
  rememberedEmbeddedPort,
  startEmbeddedPostgres,
} from './embedded-postgres.server';

export interface ProvisionOptions {
  /** Use this server when given; otherwise start the embedded one. */
  databaseUrl?: string;
  embeddedDirectory: string;
  embeddedPort?: number;
  onLog?: (message: string) => void;
}

export interface ProvisionedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The database the gateway and worker run against: DATABASE_URL, or an embedded server
 *  under .data/ so that a fresh clone needs no PostgreSQL installation. */
export async function provisionDatabase(options: ProvisionOptions): Promise<ProvisionedDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const server = await startEmbeddedPostgres({
    directory: options.embeddedDirectory,
    port: options.embeddedPort,
    database: 'o2c',
    persistent: true,
    onLog: options.onLog,
  });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** The URL of the embedded server another process (the gateway) started in `directory`,
 *  or undefined when none is running there. */
export async function embeddedDatabaseUrl(directory: string): Promise<string | undefined> {
  const port = await rememberedEmbeddedPort(directory);
  if (!port || (await isPortFree(port))) return undefined;
  return `postgres://postgres:postgres@127.0.0.1:${port}/o2c`;
}
