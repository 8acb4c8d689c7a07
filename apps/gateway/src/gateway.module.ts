import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule, type Environment } from '@o2c/config';
import { type ContractRegistry, ContractsModule } from '@o2c/contracts';
import { GovernanceModule } from '@o2c/governance';
import { HealthModule, LoggingModule, ProblemDetailsFilter } from '@o2c/http';
import { HttpMetricsModule, MetricsModule } from '@o2c/integration';
import { IntegrationApiModule } from '@o2c/integration';
import { createDataSourceOptions } from '@o2c/persistence';
import { ProcessApiModule } from '@o2c/process-api';
import { SystemApiModule } from '@o2c/system-api';

export interface GatewayModuleOptions {
  environment: Environment;
  databaseUrl: string;
  contracts: ContractRegistry;
}

/** Wires the libs into the HTTP gateway; no behaviour lives here. */
@Module({})
export class GatewayModule {
  static forRoot({ environment, databaseUrl, contracts }: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggingModule.forRoot(environment),
        TypeOrmModule.forRoot(
          createDataSourceOptions({ url: databaseUrl, poolSize: environment.DATABASE_POOL_SIZE }),
        ),
        ContractsModule.forRoot(contracts, { validateResponses: environment.VALIDATE_RESPONSES }),
        GovernanceModule,
        HealthModule,
        MetricsModule,
        HttpMetricsModule,
        SystemApiModule,
        ProcessApiModule,
        IntegrationApiModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
