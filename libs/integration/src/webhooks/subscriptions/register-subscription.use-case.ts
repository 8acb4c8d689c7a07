import { Inject, Injectable } from '@nestjs/common';
import type { SubscriberKind } from '@o2c/domain';
import { type Principal, principalKey } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { WebhookSubscription } from '@o2c/persistence';
import { accountRequired, accountUnknown, subscriptionLimit } from '../webhook.errors';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { generateSigningSecret } from './signing-secret.generator';
import { checkedEndpointUrl, checkedEventTypes } from './subscription-request.checks';
import type { CreateSubscriptionBody } from './webhook-subscription.contract';
import {
  presentSubscription,
  type SubscriptionWithSecretView,
} from './webhook-subscription.presenter';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/** Subscriptions one partner account may hold. */
export const PARTNER_SUBSCRIPTIONS_PER_ACCOUNT = 25;

export function subscriberKindOf(principal: Principal): SubscriberKind {
  return principal.kind === 'internal' ? 'internal' : 'partner';
}

/**
 * Registers an endpoint: URL and event types checked, the account it is bound to settled (a
 * partner's own account; another account is "not found"), a fresh signing secret, one
 * transaction. The secret is in the answer and nowhere else the caller can read it again.
 */
@Injectable()
export class RegisterSubscriptionUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async execute(
    principal: Principal,
    body: CreateSubscriptionBody,
  ): Promise<SubscriptionWithSecretView> {
    const kind = subscriberKindOf(principal);
    const url = checkedEndpointUrl(body.url, this.settings.addressPolicy);
    const eventTypes = checkedEventTypes(body.eventTypes, kind);
    const customerId = accountFor(principal, body.customerId);
    const secret = generateSigningSecret();
    return this.subscriptions.transaction(async (manager) => {
      if (customerId !== null) {
        if (!(await this.subscriptions.lockCustomer(manager, customerId)))
          throw accountUnknown(customerId);
        const held = await this.subscriptions.countForAccount(manager, customerId);
        if (kind === 'partner' && held >= PARTNER_SUBSCRIPTIONS_PER_ACCOUNT)
          throw subscriptionLimit(PARTNER_SUBSCRIPTIONS_PER_ACCOUNT);
      }
      const now = new Date();
      const subscription = await manager.save(
        manager.create(WebhookSubscription, {
          name: body.name,
          description: body.description ?? null,
          url,
          eventTypes,
          subscriberKind: kind,
          customerId,
          createdBy: principalKey(principal),
          status: 'active',
          disabledReason: null,
          signingSecrets: [{ secret, createdAt: now.toISOString(), expiresAt: null }],
        }),
      );
      return { ...presentSubscription({ subscription, circuit: null }, now), secret };
    });
  }
}

/** The account a new subscription is bound to: a partner's own (named, or its only one);
 *  internal callers may bind one or leave it unbound. */
function accountFor(principal: Principal, requested: string | undefined): string | null {
  const accounts = principal.customerIds;
  if (principal.kind === 'internal' || accounts === 'all') return requested ?? null;
  if (requested !== undefined) {
    if (!accounts.includes(requested)) throw ProblemException.notFound('customer', requested);
    return requested;
  }
  if (accounts.length === 1 && accounts[0] !== undefined) return accounts[0];
  throw accountRequired();
}
