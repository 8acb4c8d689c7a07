import { Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/** Deletes a subscription with its deliveries, their log and its circuit (foreign keys cascade);
 *  exception-queue entries about its deliveries stay as the record of what failed. */
@Injectable()
export class RemoveSubscriptionUseCase {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  execute(principal: Principal, id: string, ifMatch: string | undefined): Promise<void> {
    return this.subscriptions.transaction(async (manager) => {
      const subscription = await this.subscriptions.lockVisible(manager, principal, id);
      if (!subscription) throw ProblemException.notFound('webhook subscription', id);
      const expected = expectedVersion(ifMatch);
      if (subscription.version !== expected)
        throw staleVersion('webhook subscription', id, subscription.version);
      await manager.remove(subscription);
    });
  }
}
