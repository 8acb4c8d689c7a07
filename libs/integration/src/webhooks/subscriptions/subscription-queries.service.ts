import { Injectable } from '@nestjs/common';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { createdAtCursorKey } from '../created-at.keyset';
import type { ListSubscriptionsQuery } from './webhook-subscription.contract';
import { presentSubscription, type SubscriptionView } from './webhook-subscription.presenter';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/** Reading subscriptions; another partner's is "not found", in lists too. */
@Injectable()
export class SubscriptionQueries {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  eventTypes(): { items: WebhookEventType[] } {
    return { items: [...WEBHOOK_EVENT_TYPES] };
  }

  async list(principal: Principal, query: ListSubscriptionsQuery): Promise<Page<SubscriptionView>> {
    const now = new Date();
    const rows = await this.subscriptions.findPage(principal, query);
    return toPage(
      rows,
      query.limit,
      (row) => createdAtCursorKey('newest', row.at, row.record.subscription.id),
      (row) => presentSubscription(row.record, now),
    );
  }

  async get(principal: Principal, id: string): Promise<SubscriptionView> {
    const record = await this.subscriptions.findVisible(principal, id);
    if (!record) throw ProblemException.notFound('webhook subscription', id);
    return presentSubscription(record, new Date());
  }
}
