import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CursorKey, decodeCursor } from '@o2c/http';
import { ApprovalRoutingRule as RoutingRuleRecord, Task } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListRoutingRulesQuery } from './routing-rule.contract';

export function ruleCursorKey(rule: RoutingRuleRecord): CursorKey {
  return [rule.queue, rule.priority, rule.name];
}

/** Routing rules: policy data, not owned by any customer account. */
@Injectable()
export class RoutingRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** By queue, then evaluation order and name (as routing reads them); one extra row for toPage. */
  findPage(query: ListRoutingRulesQuery): Promise<RoutingRuleRecord[]> {
    const builder = this.dataSource
      .getRepository(RoutingRuleRecord)
      .createQueryBuilder('rule')
      .orderBy('rule.queue', 'ASC')
      .addOrderBy('rule.priority', 'ASC')
      .addOrderBy('rule.name', 'ASC')
      .limit(query.limit + 1);
    if (query.queue !== undefined) builder.andWhere('rule.queue = :queue', { queue: query.queue });
    if (query.active !== undefined)
      builder.andWhere('rule.active = :active', { active: query.active });
    // (queue, evaluation order, name) of the last row: unique, as names are per queue.
    const after = decodeCursor(query.cursor, ['text', 'int', 'text']);
    if (after) {
      builder.andWhere(
        '(rule.queue, rule.priority, rule.name) > (:afterQueue, :afterOrder, :afterName)',
        { afterQueue: after[0], afterOrder: after[1], afterName: after[2] },
      );
    }
    return builder.getMany();
  }

  findById(id: string): Promise<RoutingRuleRecord | null> {
    return this.dataSource.manager.findOne(RoutingRuleRecord, { where: { id } });
  }

  lockById(manager: EntityManager, id: string): Promise<RoutingRuleRecord | null> {
    return manager.findOne(RoutingRuleRecord, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Whether the rule is the recorded provenance of any task. */
  async hasRoutedTasks(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.count(Task, { where: { routingRuleId: id } })) > 0;
  }
}
