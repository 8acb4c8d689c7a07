import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@o2c/governance';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from '@o2c/persistence';
import { type DataSource, In } from 'typeorm';
import { entitiesWithKeys, orderByCreatedAt } from '../created-at.keyset';
import { restrictToVisibleSubscriptions } from '../subscriptions/subscription-visibility';
import type { ListDeliveriesQuery } from '../subscriptions/webhook-subscription.contract';

const ALIAS = 'delivery';

export interface DeliveryRecord {
  delivery: WebhookDelivery;
  attempts: WebhookDeliveryAttempt[];
}

export interface DeliveryFilter extends Partial<Omit<ListDeliveriesQuery, 'limit' | 'cursor'>> {
  subscriptionId?: string;
}

/** The delivery log: deliveries newest first with their attempts, inside the subscriptions the
 *  principal may see. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPage(
    principal: Principal,
    filter: DeliveryFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ record: DeliveryRecord; at: string }[]> {
    const builder = this.dataSource.manager
      .getRepository(WebhookDelivery)
      .createQueryBuilder(ALIAS)
      .innerJoin(WebhookSubscription, 'subscription', 'subscription.id = delivery.subscriptionId');
    restrictToVisibleSubscriptions(builder, 'subscription', principal);
    if (filter.subscriptionId !== undefined)
      builder.andWhere(`${ALIAS}.subscriptionId = :subscriptionId`, {
        subscriptionId: filter.subscriptionId,
      });
    if (filter.messageId !== undefined)
      builder.andWhere(`${ALIAS}.messageId = :messageId`, { messageId: filter.messageId });
    if (filter.status !== undefined)
      builder.andWhere(`${ALIAS}.status = :status`, { status: filter.status });
    if (filter.eventType !== undefined)
      builder.andWhere(`${ALIAS}.eventType = :eventType`, { eventType: filter.eventType });
    orderByCreatedAt(builder, ALIAS, 'newest', page.cursor, page.limit);
    const rows = await entitiesWithKeys(builder, ALIAS);
    const attempts = await this.attemptsOf(rows.map((row) => row.entity.id));
    return rows.map((row) => ({
      record: { delivery: row.entity, attempts: attempts.get(row.entity.id) ?? [] },
      at: row.at,
    }));
  }

  private async attemptsOf(ids: string[]): Promise<Map<string, WebhookDeliveryAttempt[]>> {
    const byDelivery = new Map<string, WebhookDeliveryAttempt[]>();
    if (ids.length === 0) return byDelivery;
    const attempts = await this.dataSource.manager.find(WebhookDeliveryAttempt, {
      where: { deliveryId: In(ids) },
      order: { attemptNumber: 'ASC', startedAt: 'ASC' },
    });
    for (const attempt of attempts) {
      const list = byDelivery.get(attempt.deliveryId) ?? [];
      list.push(attempt);
      byDelivery.set(attempt.deliveryId, list);
    }
    return byDelivery;
  }
}
