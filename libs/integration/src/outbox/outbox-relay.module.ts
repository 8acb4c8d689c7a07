import { type DynamicModule, type ModuleMetadata, Module, type Type } from '@nestjs/common';
import { type Environment, ENVIRONMENT } from '@o2c/config';
import { OutboxMetrics } from '../metrics/outbox.metrics';
import { OutboxClaimRepository } from './outbox-claim.repository';
import { OutboxOutcomeRepository } from './outbox-outcome.repository';
import { OutboxRelayRunner } from './outbox-relay.runner';
import { OutboxRelayService } from './outbox-relay.service';
import { OUTBOX_RELAY_SETTINGS, outboxRelaySettings } from './outbox-relay.settings';
import { type OutboxSink, outboxSinksProvider } from './outbox-sink';

export interface OutboxRelayModuleOptions {
  /** Modules exporting the sinks. */
  imports?: ModuleMetadata['imports'];
  /** Every message goes to each of these, in this order. */
  sinks: ReadonlyArray<Type<OutboxSink>>;
  /** Run the polling loop (the worker); off to drive `OutboxRelayService` by hand. */
  run?: boolean;
}

/** The outbox relay and its sinks. Needs ConfigModule, TypeORM and MetricsModule in the app. */
@Module({})
export class OutboxRelayModule {
  static forRoot(options: OutboxRelayModuleOptions): DynamicModule {
    return {
      module: OutboxRelayModule,
      imports: options.imports ?? [],
      providers: [
        outboxSinksProvider(...options.sinks),
        {
          provide: OUTBOX_RELAY_SETTINGS,
          useFactory: (environment: Environment) => outboxRelaySettings(environment),
          inject: [ENVIRONMENT],
        },
        OutboxClaimRepository,
        OutboxOutcomeRepository,
        OutboxMetrics,
        OutboxRelayService,
        ...(options.run === false ? [] : [OutboxRelayRunner]),
      ],
      exports: [OutboxRelayService],
    };
  }
}
