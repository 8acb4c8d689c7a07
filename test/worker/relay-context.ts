import {
  type DynamicModule,
  type INestApplicationContext,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule, loadEnvironment } from '@o2c/config';
import {
  MetricsModule,
  NatsEventsModule,
  NatsOutboxSink,
  natsSettings,
  type OutboxRelayModuleOptions,
  OutboxRelayModule,
  OutboxRelayService,
  TimersModule,
} from '@o2c/integration';
import { createDataSourceOptions } from '@o2c/persistence';
import { DataSource } from 'typeorm';

export interface WorkerContext {
  app: INestApplicationContext;
  relay: OutboxRelayService;
  dataSource: DataSource;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

export interface WorkerContextOptions {
  databaseUrl: string;
  /** Environment variables (OUTBOX_*, NATS_*, HOLD_REMINDER_HOURS...). */
  variables?: Record<string, string>;
  imports?: OutboxRelayModuleOptions['imports'];
  sinks?: OutboxRelayModuleOptions['sinks'];
  timers?: boolean;
}

@Module({})
class WorkerPartsModule {
  static forRoot(options: WorkerContextOptions): DynamicModule {
    const environment = loadEnvironment({
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'silent',
      ...options.variables,
    });
    // As the worker wires it: with NATS_URL, JetStream is one more sink.
    const nats = natsSettings(environment);
    return {
      module: WorkerPartsModule,
      imports: [
        ConfigModule.forRoot(environment),
        TypeOrmModule.forRoot(createDataSourceOptions({ url: options.databaseUrl, poolSize: 3 })),
        MetricsModule,
        // The polling loops stay off: tests drive batches and rounds themselves.
        OutboxRelayModule.forRoot({
          imports: [...(options.imports ?? []), ...(nats ? [NatsEventsModule.forRoot(nats)] : [])],
          sinks: [...(options.sinks ?? []), ...(nats ? [NatsOutboxSink] : [])],
          run: false,
        }),
        ...(options.timers ? [TimersModule.forRoot({ run: false })] : []),
      ],
    };
  }
}

/** The worker's relay (and timers) in this process, as one worker instance would run them,
 *  without its polling loops. Two contexts on one database behave as two workers. */
export async function startWorkerContext(options: WorkerContextOptions): Promise<WorkerContext> {
  const app = await NestFactory.createApplicationContext(WorkerPartsModule.forRoot(options), {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return {
    app,
    relay: app.get(OutboxRelayService),
    dataSource: app.get(DataSource),
    get: (type) => app.get(type, { strict: false }),
    close: () => app.close(),
  };
}
