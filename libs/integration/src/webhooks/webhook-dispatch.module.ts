import { type DynamicModule, Module } from '@nestjs/common';
import { DeliveredAttemptsWriter } from './dispatch/delivered-attempts.writer';
import { WebhookAttemptRecorder, RANDOM_SOURCE } from './dispatch/webhook-attempt.recorder';
import { WebhookAttemptSender } from './dispatch/webhook-attempt.sender';
import { WebhookDeliveryClaims } from './dispatch/webhook-delivery.claims';
import { WebhookDispatcher } from './dispatch/webhook-dispatcher.runner';
import { WebhookFanOutSink } from './dispatch/webhook-fan-out.sink';
import { WebhookMetrics } from './dispatch/webhook.metrics';
import { webhookSettingsProvider } from './webhook.settings';

export interface WebhookDispatchOptions {
  /** Run the dispatcher loop (the worker); off to use only the outbox sink. */
  dispatch?: boolean;
}

/**
 * Webhook delivery in the worker: the outbox relay's fan-out sink (exported: list it among the
 * relay's sinks) and the dispatcher that sends, retries and records. Needs ConfigModule and
 * TypeORM; joins MetricsModule's registry when the app has one.
 */
@Module({})
export class WebhookDispatchModule {
  static forRoot(options: WebhookDispatchOptions = {}): DynamicModule {
    return {
      module: WebhookDispatchModule,
      providers: [
        webhookSettingsProvider,
        // Jitter needs randomness, not secrecy.
        { provide: RANDOM_SOURCE, useValue: Math.random },
        WebhookFanOutSink,
        WebhookDeliveryClaims,
        WebhookAttemptSender,
        DeliveredAttemptsWriter,
        WebhookAttemptRecorder,
        WebhookMetrics,
        ...(options.dispatch === false ? [] : [WebhookDispatcher]),
      ],
      exports: [WebhookFanOutSink],
    };
  }
}
