import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule, type Environment } from '@o2c/config';
import { HealthModule, LoggingModule, ProblemDetailsFilter } from '@o2c/http';
import { createDataSourceOptions } from '@o2c/persistence';

/** The background worker: outbox relay, webhook delivery and timers join here as they land.
 *  It serves its own health endpoints so an orchestrator can probe it. */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggingModule.forRoot(environment),
        TypeOrmModule.forRoot(createDataSourceOptions({ url: databaseUrl, poolSize: 4 })),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
