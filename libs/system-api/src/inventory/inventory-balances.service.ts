import { Injectable } from '@nestjs/common';
import { type Page, ProblemException, toPage } from '@o2c/http';
import type { ListInventoryBalancesQuery } from './inventory.contract';
import { InventoryBalanceRepository } from './inventory-balance.repository';
import { type BalanceView, presentBalance } from './inventory.presenter';

/** Reads of stock balances. */
@Injectable()
export class InventoryBalancesService {
  constructor(private readonly balances: InventoryBalanceRepository) {}

  async list(query: ListInventoryBalancesQuery): Promise<Page<BalanceView>> {
    const { limit } = query;
    const rows = await this.balances.findPage(query, limit);
    return toPage(rows, limit, (row) => [row.warehouse_code, row.sku], presentBalance);
  }

  async get(id: string): Promise<BalanceView> {
    const row = await this.balances.findById(id);
    if (!row) throw ProblemException.notFound('inventory balance', id);
    return presentBalance(row);
  }
}
