import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { EnvironmentError, type Environment, loadEnvironment } from '@o2c/config';
import { seedDemoDataOnce } from '@o2c/demo-data';
import { provisionDatabase, runMigrations } from '@o2c/persistence';
import pino from 'pino';
import { createGatewayApp } from './gateway.app';
import { limitHeapGrowth } from './heap-growth';

function environmentOrExit(): Environment {
  try {
    return loadEnvironment();
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`o2c-gateway cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  limitHeapGrowth();
  const environment = environmentOrExit();
  const logger = pino({ level: environment.LOG_LEVEL, base: { app: 'gateway' } });
  const database = await provisionDatabase({
    databaseUrl: environment.DATABASE_URL,
    embeddedDirectory: environment.EMBEDDED_POSTGRES_DIR,
    embeddedPort: environment.EMBEDDED_POSTGRES_PORT,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message),
  });
  if (database.embedded)
    logger.info({ database: redact(database.url) }, 'embedded PostgreSQL started');
  const applied = await runMigrations(database.url);
  logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema up to date');
  if (environment.SEED_DEMO_DATA) {
    const seeded = await seedDemoDataOnce(database.url);
    logger.info(seeded, seeded.loaded ? 'demo data loaded' : 'demo data already present');
  }

  const app = await createGatewayApp({ environment, databaseUrl: database.url });
  await app.listen({ port: environment.PORT, host: environment.HOST });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://${environment.HOST.includes(':') ? `[${environment.HOST}]` : environment.HOST}:${port}`;
  logger.info(
    { url: base, health: `${base}/health/ready`, customers: `${base}/system/v1/customers` },
    `o2c-gateway listening on ${base}`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, environment.SHUTDOWN_GRACE_MS);
    force.unref();
    void app
      .close()
      .then(() => database.stop())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `o2c-gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
