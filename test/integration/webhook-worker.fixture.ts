import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnvironment } from '@o2c/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** Development switches and short delays: webhooks to 127.0.0.1, retried within seconds. */
export const LOCAL_WEBHOOKS: Record<string, string> = {
  WEBHOOK_ALLOW_INSECURE_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  OUTBOX_POLL_INTERVAL_MS: '50',
  WEBHOOK_POLL_INTERVAL_MS: '25',
};

/** The worker app as `npm run start:worker` builds it (outbox relay, webhook dispatcher,
 *  timers), running in this process against the suite's database without listening. */
export async function startWorker(
  databaseUrl: string,
  variables: Record<string, string>,
): Promise<INestApplication> {
  const environment = loadEnvironment({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    ...variables,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(environment, databaseUrl),
    new FastifyAdapter(),
    { logger: false, abortOnError: false },
  );
  await app.init();
  return app;
}

/** Polls `read` until `done` holds (or fails after `timeoutMs`), returning the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not there: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
