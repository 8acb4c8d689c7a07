import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { type WebhookSubscription, WebhookCircuit } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { checkedEndpointUrl, checkedEventTypes } from './subscription-request.checks';
import type { UpdateSubscriptionBody } from './webhook-subscription.contract';
import { presentSubscription, type SubscriptionView } from './webhook-subscription.presenter';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/** Deliveries still waiting when their subscription is disabled are not sent later. */
const CANCEL_WAITING = `
  UPDATE webhook_deliveries
     SET status = 'cancelled', claim_token = NULL, last_error_code = 'SUBSCRIPTION_DISABLED',
         last_error = 'the subscription was disabled before it was delivered', updated_at = now()
   WHERE subscription_id = $1 AND status = 'pending'`;

/**
 * Changes a subscription (only the fields sent) in one transaction, conditional on If-Match.
 * Disabling cancels what waits; a new URL or enabling again starts the endpoint with a
 * closed circuit (whatever failed before was another endpoint, or before the fix).
 */
@Injectable()
export class ChangeSubscriptionUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    body: UpdateSubscriptionBody,
  ): Promise<SubscriptionView> {
    const url =
      body.url === undefined
        ? undefined
        : checkedEndpointUrl(body.url, this.settings.addressPolicy);
    return this.subscriptions.transaction(async (manager) => {
      const subscription = await this.subscriptions.lockVisible(manager, principal, id);
      if (!subscription) throw ProblemException.notFound('webhook subscription', id);
      const expected = expectedVersion(ifMatch);
      if (subscription.version !== expected)
        throw staleVersion('webhook subscription', id, subscription.version);
      const before = { url: subscription.url, status: subscription.status };
      apply(subscription, body, url);
      const saved = await manager.save(subscription);
      if (before.status === 'active' && saved.status === 'disabled')
        await manager.query(CANCEL_WAITING, [id]);
      const fresh =
        before.url !== saved.url || (before.status === 'disabled' && saved.status === 'active');
      if (fresh) await resetCircuit(manager, id);
      const circuits = await this.subscriptions.circuitsOf(manager, [id]);
      return presentSubscription(
        { subscription: saved, circuit: circuits.get(id) ?? null },
        new Date(),
      );
    });
  }
}

function apply(
  subscription: WebhookSubscription,
  body: UpdateSubscriptionBody,
  url: string | undefined,
): void {
  if (body.name !== undefined) subscription.name = body.name;
  if (body.description !== undefined) subscription.description = body.description;
  if (url !== undefined) subscription.url = url;
  if (body.eventTypes !== undefined)
    subscription.eventTypes = checkedEventTypes(body.eventTypes, subscription.subscriberKind);
  if (body.status !== undefined) subscription.status = body.status;
  if (subscription.status === 'active') {
    if (body.disabledReason !== undefined && body.disabledReason !== null) {
      throw ProblemException.invalid(
        '/body/disabledReason',
        'disabled-only',
        'a reason is kept for a disabled subscription only',
      );
    }
    subscription.disabledReason = null;
  } else if (body.disabledReason !== undefined) {
    subscription.disabledReason = body.disabledReason;
  }
}

async function resetCircuit(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.delete(WebhookCircuit, { subscriptionId });
}
