import { Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { createdAtCursorKey } from '../created-at.keyset';
import type {
  ListDeliveriesQuery,
  ListMessageDeliveriesQuery,
} from '../subscriptions/webhook-subscription.contract';
import { WebhookSubscriptionRepository } from '../subscriptions/webhook-subscription.repository';
import { type DeliveryView, presentDelivery } from './webhook-delivery.presenter';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** The delivery log per subscription and per message; another partner's is "not found". */
@Injectable()
export class WebhookDeliveryQueries {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {}

  async ofSubscription(
    principal: Principal,
    subscriptionId: string,
    query: ListDeliveriesQuery,
  ): Promise<Page<DeliveryView>> {
    if (!(await this.subscriptions.findVisible(principal, subscriptionId)))
      throw ProblemException.notFound('webhook subscription', subscriptionId);
    const { limit, cursor, ...filter } = query;
    return this.page(principal, { ...filter, subscriptionId }, limit, cursor);
  }

  ofMessage(principal: Principal, query: ListMessageDeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.page(principal, { messageId: query.messageId }, query.limit, query.cursor);
  }

  private async page(
    principal: Principal,
    filter: Parameters<WebhookDeliveryRepository['findPage']>[1],
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<DeliveryView>> {
    const rows = await this.deliveries.findPage(principal, filter, {
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    return toPage(
      rows,
      limit,
      (row) => createdAtCursorKey('newest', row.at, row.record.delivery.id),
      (row) => presentDelivery(row.record.delivery, row.record.attempts),
    );
  }
}
