import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PING_EVENT_TYPE } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { WebhookDelivery } from '@o2c/persistence';
import { WebhookSubscriptionRepository } from '../subscriptions/webhook-subscription.repository';
import { subscriptionDisabled } from '../webhook.errors';
import { type DeliveryView, presentDelivery } from './webhook-delivery.presenter';

/**
 * Queues a signed `webhook.ping` for one subscription, with its own message id: the
 * dispatcher sends it like any event, so the log shows exactly what the receiver will see.
 */
@Injectable()
export class PingSubscriptionUseCase {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  execute(principal: Principal, id: string): Promise<DeliveryView> {
    return this.subscriptions.transaction(async (manager) => {
      const subscription = await this.subscriptions.lockVisible(manager, principal, id);
      if (!subscription) throw ProblemException.notFound('webhook subscription', id);
      if (subscription.status !== 'active') throw subscriptionDisabled(id);
      const now = new Date();
      const delivery = await manager.save(
        manager.create(WebhookDelivery, {
          subscriptionId: id,
          messageId: randomUUID(),
          eventType: PING_EVENT_TYPE,
          payload: {
            subscriptionId: id,
            subscriptionName: subscription.name,
            message: 'A test event: if its signature verifies, your endpoint is ready.',
          },
          occurredAt: now,
          status: 'pending',
          attempts: 0,
          queuedAt: now,
          nextAttemptAt: now,
          claimToken: null,
          lastAttemptAt: null,
          lastStatusCode: null,
          lastErrorCode: null,
          lastError: null,
          deliveredAt: null,
        }),
      );
      return presentDelivery(delivery, []);
    });
  }
}
