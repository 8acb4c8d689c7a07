import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule, type Environment } from '@o2c/config';
import { HealthModule, LoggingModule, ProblemDetailsFilter } from '@o2c/http';
import {
  MetricsModule,
  NatsEventsModule,
  NatsOutboxSink,
  natsSettings,
  OutboxRelayModule,
  TimersModule,
  WebhookDispatchModule,
  WebhookFanOutSink,
} from '@o2c/integration';
import { createDataSourceOptions } from '@o2c/persistence';

/**
 * The background worker: the outbox relay with its sinks (webhook fan-out; JetStream when
 * NATS_URL is set), webhook dispatch, the SLA-escalation and hold-reminder timers. It serves its
 * own health checks and Prometheus metrics so an orchestrator can probe and scrape it.
 */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment, databaseUrl: string): DynamicModule {
    const nats = natsSettings(environment);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggingModule.forRoot(environment),
        TypeOrmModule.forRoot(createDataSourceOptions({ url: databaseUrl, poolSize: 4 })),
        HealthModule,
        MetricsModule,
        // Every outbox message goes to each sink, in this order.
        OutboxRelayModule.forRoot({
          imports: [
            WebhookDispatchModule.forRoot(),
            ...(nats ? [NatsEventsModule.forRoot(nats)] : []),
          ],
          sinks: [WebhookFanOutSink, ...(nats ? [NatsOutboxSink] : [])],
        }),
        TimersModule.forRoot(),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
