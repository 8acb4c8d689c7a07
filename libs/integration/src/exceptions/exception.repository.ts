import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntegrationException } from '@o2c/persistence';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  entitiesWithKeys,
  type KeysetDirection,
  orderByCreatedAt,
} from '../webhooks/created-at.keyset';
import type { ExceptionFilter } from './exception.contract';

const ALIAS = 'exception';

/** `webhook:` or `outbox:*` select every source under the prefix; anything else is exact. */
function sourceCondition(source: string): { condition: string; value: string } {
  if (source.endsWith('*'))
    return { condition: `starts_with(${ALIAS}.source, :source)`, value: source.slice(0, -1) };
  if (source.endsWith(':'))
    return { condition: `starts_with(${ALIAS}.source, :source)`, value: source };
  return { condition: `${ALIAS}.source = :source`, value: source };
}

/** The exception queue's filters, shared by the list and the bulk replay. */
export function applyExceptionFilter(
  builder: SelectQueryBuilder<IntegrationException>,
  filter: ExceptionFilter,
): SelectQueryBuilder<IntegrationException> {
  builder.andWhere(`${ALIAS}.status IN (:...statuses)`, { statuses: filter.status ?? ['open'] });
  if (filter.kind !== undefined)
    builder.andWhere(`${ALIAS}.kind IN (:...kinds)`, { kinds: filter.kind });
  if (filter.source !== undefined) {
    const { condition, value } = sourceCondition(filter.source);
    builder.andWhere(condition, { source: value });
  }
  if (filter.partner !== undefined)
    builder.andWhere(`${ALIAS}.partner = :partner`, { partner: filter.partner });
  if (filter.eventType !== undefined)
    builder.andWhere(`${ALIAS}.eventType = :eventType`, { eventType: filter.eventType });
  if (filter.errorCode !== undefined)
    builder.andWhere(`${ALIAS}.errorCode = :errorCode`, { errorCode: filter.errorCode });
  if (filter.reference !== undefined)
    builder.andWhere(`${ALIAS}.reference = :reference`, { reference: filter.reference });
  if (filter.createdAfter !== undefined)
    builder.andWhere(`${ALIAS}.createdAt >= :createdAfter`, { createdAfter: filter.createdAfter });
  if (filter.createdBefore !== undefined)
    builder.andWhere(`${ALIAS}.createdAt < :createdBefore`, {
      createdBefore: filter.createdBefore,
    });
  if (filter.olderThanMinutes !== undefined)
    builder.andWhere(`${ALIAS}.createdAt <= now() - make_interval(mins => :olderThan)`, {
      olderThan: filter.olderThanMinutes,
    });
  return builder;
}

@Injectable()
export class IntegrationExceptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findPage(
    filter: ExceptionFilter,
    page: { limit: number; cursor?: string; order: KeysetDirection },
  ): Promise<{ entity: IntegrationException; at: string }[]> {
    const builder = applyExceptionFilter(this.query(this.dataSource.manager), filter);
    orderByCreatedAt(builder, ALIAS, page.order, page.cursor, page.limit);
    return entitiesWithKeys(builder, ALIAS);
  }

  /** Ids of open entries matching a filter, oldest first (what a bulk replay works through). */
  async openIds(filter: ExceptionFilter, limit: number): Promise<string[]> {
    const rows = await applyExceptionFilter(this.query(this.dataSource.manager), {
      ...filter,
      status: ['open'],
    })
      .select(`${ALIAS}.id`, 'id')
      .orderBy(`${ALIAS}.createdAt`, 'ASC')
      .addOrderBy(`${ALIAS}.id`, 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async findById(id: string): Promise<IntegrationException | undefined> {
    return (
      (await this.dataSource.manager.findOne(IntegrationException, { where: { id } })) ?? undefined
    );
  }

  async lock(manager: EntityManager, id: string): Promise<IntegrationException | undefined> {
    return (
      (await manager.findOne(IntegrationException, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })) ?? undefined
    );
  }

  private query(manager: EntityManager): SelectQueryBuilder<IntegrationException> {
    return manager.getRepository(IntegrationException).createQueryBuilder(ALIAS);
  }
}
