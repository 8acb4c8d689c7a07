import { Module } from '@nestjs/common';
import { ExceptionQueueModule } from './exceptions/exception-queue.module';
import { ExceptionReplayModule } from './exceptions/exception-replay.module';
import { WebhookSubscriptionsModule } from './webhooks/webhook-subscriptions.module';

/** The integration process API (openapi/process/integration.v1.yaml) for the gateway: webhook
 *  subscriptions and the exception queue, with the replay-handler registry (global). */
@Module({
  imports: [ExceptionReplayModule, WebhookSubscriptionsModule, ExceptionQueueModule],
})
export class IntegrationApiModule {}
