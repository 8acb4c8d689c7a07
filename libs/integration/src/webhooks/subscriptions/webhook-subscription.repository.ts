import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@o2c/governance';
import { Customer, WebhookCircuit, WebhookSubscription } from '@o2c/persistence';
import { type DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { entitiesWithKeys, orderByCreatedAt } from '../created-at.keyset';
import type { ListSubscriptionsQuery } from './webhook-subscription.contract';
import { restrictToVisibleSubscriptions } from './subscription-visibility';

const ALIAS = 'subscription';

/** A subscription with its endpoint's circuit (none yet: closed). */
export interface SubscriptionRecord {
  subscription: WebhookSubscription;
  circuit: WebhookCircuit | null;
}

/**
 * Whether one of a subscription's patterns selects the event type: the SQL form of the domain's
 * selectsEventType (exact type, `namespace.*` prefix, `*`), for filtering a page in the database.
 */
const SELECTS_EVENT_TYPE = `EXISTS (
  SELECT 1 FROM unnest(${ALIAS}.event_types) AS pattern
   WHERE pattern = '*' OR pattern = :eventType
      OR (right(pattern, 2) = '.*' AND starts_with(:eventType, left(pattern, -1))))`;

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findPage(
    principal: Principal,
    query: ListSubscriptionsQuery,
  ): Promise<{ record: SubscriptionRecord; at: string }[]> {
    const builder = this.visible(this.dataSource.manager, principal);
    if (query.status !== undefined)
      builder.andWhere(`${ALIAS}.status = :status`, { status: query.status });
    if (query.customerId !== undefined)
      builder.andWhere(`${ALIAS}.customerId = :customerId`, { customerId: query.customerId });
    if (query.eventType !== undefined)
      builder.andWhere(SELECTS_EVENT_TYPE, { eventType: query.eventType });
    orderByCreatedAt(builder, ALIAS, 'newest', query.cursor, query.limit);
    const rows = await entitiesWithKeys(builder, ALIAS);
    const circuits = await this.circuitsOf(
      this.dataSource.manager,
      rows.map((row) => row.entity.id),
    );
    return rows.map((row) => ({
      record: { subscription: row.entity, circuit: circuits.get(row.entity.id) ?? null },
      at: row.at,
    }));
  }

  async findVisible(
    principal: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubscriptionRecord | undefined> {
    const subscription = await this.visible(manager, principal)
      .andWhere(`${ALIAS}.id = :id`, { id })
      .getOne();
    if (!subscription) return undefined;
    const circuits = await this.circuitsOf(manager, [subscription.id]);
    return { subscription, circuit: circuits.get(subscription.id) ?? null };
  }

  /** The subscription, locked for a change, if the principal may see it. */
  async lockVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<WebhookSubscription | undefined> {
    const visible = await this.visible(manager, principal)
      .andWhere(`${ALIAS}.id = :id`, { id })
      .getOne();
    if (!visible) return undefined;
    return (
      (await manager.findOne(WebhookSubscription, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })) ?? undefined
    );
  }

  async circuitsOf(manager: EntityManager, ids: string[]): Promise<Map<string, WebhookCircuit>> {
    if (ids.length === 0) return new Map();
    const circuits = await manager.find(WebhookCircuit, { where: { subscriptionId: In(ids) } });
    return new Map(circuits.map((circuit) => [circuit.subscriptionId, circuit]));
  }

  /** Locks the customer row: registrations for one account serialize, so its limit holds. */
  async lockCustomer(manager: EntityManager, customerId: string): Promise<boolean> {
    const customer = await manager.findOne(Customer, {
      where: { id: customerId },
      lock: { mode: 'pessimistic_write' },
    });
    return customer !== null;
  }

  countForAccount(manager: EntityManager, customerId: string): Promise<number> {
    return manager.count(WebhookSubscription, {
      where: { customerId, subscriberKind: 'partner' },
    });
  }

  private visible(
    manager: EntityManager,
    principal: Principal,
  ): SelectQueryBuilder<WebhookSubscription> {
    const builder = manager.getRepository(WebhookSubscription).createQueryBuilder(ALIAS);
    return restrictToVisibleSubscriptions(builder, ALIAS, principal);
  }
}
