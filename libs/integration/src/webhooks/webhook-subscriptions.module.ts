import { Module } from '@nestjs/common';
import { PingSubscriptionUseCase } from './deliveries/ping-subscription.use-case';
import { WebhookDeliveryQueries } from './deliveries/webhook-delivery-queries.service';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository';
import { ChangeSubscriptionUseCase } from './subscriptions/change-subscription.use-case';
import { RegisterSubscriptionUseCase } from './subscriptions/register-subscription.use-case';
import { RemoveSubscriptionUseCase } from './subscriptions/remove-subscription.use-case';
import { RotateSigningSecretUseCase } from './subscriptions/rotate-signing-secret.use-case';
import { SubscriptionQueries } from './subscriptions/subscription-queries.service';
import { WebhookSubscriptionRepository } from './subscriptions/webhook-subscription.repository';
import { WebhookDeliveryReplayHandler } from './webhook-delivery-replay.handler';
import { webhookSettingsProvider } from './webhook.settings';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller';

/** The webhook subscriptions API (gateway): subscriptions, secrets, pings, the delivery log,
 *  and the replay of dead deliveries from the exception queue. */
@Module({
  controllers: [WebhookSubscriptionsController],
  providers: [
    webhookSettingsProvider,
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    SubscriptionQueries,
    WebhookDeliveryQueries,
    RegisterSubscriptionUseCase,
    ChangeSubscriptionUseCase,
    RemoveSubscriptionUseCase,
    RotateSigningSecretUseCase,
    PingSubscriptionUseCase,
    WebhookDeliveryReplayHandler,
  ],
})
export class WebhookSubscriptionsModule {}
