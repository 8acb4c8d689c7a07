import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnvironmentError, type Environment, loadEnvironment } from '@o2c/config';
import { PinoLoggerService } from '@o2c/http';
import { embeddedDatabaseUrl } from '@o2c/persistence';
import { WorkerModule } from './worker.module';

function environmentOrExit(): Environment {
  try {
    return loadEnvironment();
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`o2c-worker cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const environment = environmentOrExit();
  // Without DATABASE_URL the worker joins the embedded server that `npm start` runs.
  const databaseUrl =
    environment.DATABASE_URL ?? (await embeddedDatabaseUrl(environment.EMBEDDED_POSTGRES_DIR));
  if (!databaseUrl) {
    process.stderr.write(
      'o2c-worker cannot start: set DATABASE_URL, or run `npm start` first for the embedded database.\n',
    );
    process.exit(1);
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(environment, databaseUrl),
    new FastifyAdapter({ return503OnClosing: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLoggerService));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen({ port: environment.WORKER_PORT, host: environment.HOST });
  const { port } = app.getHttpServer().address() as AddressInfo;
  app
    .get(PinoLoggerService)
    .log(`o2c-worker ready; health at http://${environment.HOST}:${port}/health/ready`, 'Worker');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `o2c-worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
