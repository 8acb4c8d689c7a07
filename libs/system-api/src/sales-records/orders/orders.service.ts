import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { assertRange } from '../shared/range-filter.guard';
import type { ListOrdersQuery } from './order.contract';
import { type OrderView, presentOrder } from './order.presenter';
import { OrderRepository } from './order.repository';

/** Canonical sales order reads. */
@Injectable()
export class OrdersService {
  constructor(private readonly orders: OrderRepository) {}

  async list(scope: AccountScope, query: ListOrdersQuery): Promise<Page<OrderView>> {
    assertRange(query, 'createdFrom', 'createdTo', 'date-time');
    assertRange(query, 'requestedFrom', 'requestedTo', 'date');
    const rows = await this.orders.findPage(scope, query);
    return toPage(
      rows,
      query.limit,
      (row) => row.key,
      (row) => presentOrder(row.entity),
    );
  }

  async get(scope: AccountScope, id: string): Promise<OrderView> {
    const record = await this.orders.findById(scope, id);
    if (!record) throw ProblemException.notFound('order', id);
    return presentOrder(record);
  }
}
