import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere, restrictToAccountScope } from '@o2c/governance';
import { Allocation, OrderHold, SalesOrder, SalesOrderLine } from '@o2c/persistence';
import { DataSource, In } from 'typeorm';
import { fetchNewestFirst, type KeyedRow } from '../shared/newest-first.keyset';
import { whereGiven } from '../shared/query-filter.builder';
import type { ListOrdersQuery } from './order.contract';

export interface OrderRecord {
  order: SalesOrder;
  /** Ordered by line number, each with its item. */
  lines: SalesOrderLine[];
  allocations: Allocation[];
  openHolds: OrderHold[];
}

@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only the principal's accounts: a customerId filter outside them yields an empty page. */
  async findPage(scope: AccountScope, query: ListOrdersQuery): Promise<KeyedRow<OrderRecord>[]> {
    const builder = this.dataSource.getRepository(SalesOrder).createQueryBuilder('sales_order');
    restrictToAccountScope(builder, 'sales_order.customerId', scope);
    whereGiven(builder, query, 'customerId', 'sales_order.customerId = :customerId');
    whereGiven(builder, query, 'status', 'sales_order.status IN (:...status)');
    whereGiven(builder, query, 'channel', 'sales_order.channel = :channel');
    whereGiven(builder, query, 'createdFrom', 'sales_order.createdAt >= :createdFrom');
    whereGiven(builder, query, 'createdTo', 'sales_order.createdAt <= :createdTo');
    whereGiven(builder, query, 'requestedFrom', 'sales_order.requestedDate >= :requestedFrom');
    whereGiven(builder, query, 'requestedTo', 'sales_order.requestedDate <= :requestedTo');
    const rows = await fetchNewestFirst(builder, query);
    const records = await this.withDetails(rows.map((row) => row.entity));
    return rows.map((row, index) => ({ key: row.key, entity: records[index] }));
  }

  async findById(scope: AccountScope, id: string): Promise<OrderRecord | undefined> {
    const order = await this.dataSource.manager.findOne(SalesOrder, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
    if (!order) return undefined;
    const [record] = await this.withDetails([order]);
    return record;
  }

  /** Lines, allocations and open holds for a whole page: three queries, whatever its size. */
  private async withDetails(orders: SalesOrder[]): Promise<OrderRecord[]> {
    if (orders.length === 0) return [];
    const manager = this.dataSource.manager;
    const orderIds = orders.map((order) => order.id);
    const lines = await manager.find(SalesOrderLine, {
      where: { orderId: In(orderIds) },
      relations: { item: true },
      order: { lineNumber: 'ASC' },
    });
    const [allocations, holds] = await Promise.all([
      lines.length === 0
        ? Promise.resolve([])
        : manager.find(Allocation, {
            where: { orderLineId: In(lines.map((line) => line.id)) },
            order: { createdAt: 'ASC', id: 'ASC' },
          }),
      manager.find(OrderHold, {
        where: { orderId: In(orderIds), status: 'open' },
        order: { openedAt: 'ASC', id: 'ASC' },
      }),
    ]);
    // By line, then in the order they were made (one transaction gives them all one created_at).
    const lineIndex = new Map(lines.map((line, index) => [line.id, index]));
    const byLine = (allocation: Allocation) => lineIndex.get(allocation.orderLineId) ?? 0;
    allocations.sort((a, b) => byLine(a) - byLine(b));
    return orders.map((order) => {
      const orderLines = lines.filter((line) => line.orderId === order.id);
      const lineIds = new Set(orderLines.map((line) => line.id));
      return {
        order,
        lines: orderLines,
        allocations: allocations.filter((allocation) => lineIds.has(allocation.orderLineId)),
        openHolds: holds.filter((hold) => hold.orderId === order.id),
      };
    });
  }
}
