import { type DynamicModule, Module } from '@nestjs/common';
import { NatsEventBus } from './nats-event-bus';
import { NatsOutboxSink } from './nats-outbox.sink';
import { NATS_SETTINGS, type NatsSettings } from './nats-settings';

/** The NATS connection and the JetStream outbox sink (only wired when NATS_URL is set). */
@Module({})
export class NatsEventsModule {
  static forRoot(settings: NatsSettings): DynamicModule {
    return {
      module: NatsEventsModule,
      providers: [{ provide: NATS_SETTINGS, useValue: settings }, NatsEventBus, NatsOutboxSink],
      exports: [NatsEventBus, NatsOutboxSink],
    };
  }
}
