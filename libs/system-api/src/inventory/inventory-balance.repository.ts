import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { ListInventoryBalancesQuery } from './inventory.contract';
import { BALANCE_COLUMNS, BALANCE_JOINS, type BalanceRow } from './inventory.rows';
import { SqlFilter } from './sql-filter.builder';

@Injectable()
export class InventoryBalanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset page ordered by (warehouse code, SKU), both unique; fetches one extra row. */
  findPage(query: ListInventoryBalancesQuery, limit: number): Promise<BalanceRow[]> {
    const after = decodeCursor(query.cursor, ['text', 'text']);
    const filter = new SqlFilter();
    if (query.warehouseId) filter.where((p) => `b.warehouse_id = ${p}`, query.warehouseId);
    if (query.itemId) filter.where((p) => `b.item_id = ${p}`, query.itemId);
    if (query.sku) filter.where((p) => `i.sku = ${p}`, query.sku);
    if (query.available !== undefined) {
      filter.where(() =>
        query.available ? 'b.on_hand > b.allocated' : 'b.on_hand <= b.allocated',
      );
    }
    if (after) {
      filter.where(
        (code, sku) => `(w.code, i.sku) > (${code}::text, ${sku}::text)`,
        after[0],
        after[1],
      );
    }
    const rowLimit = filter.bind(limit + 1);
    return this.dataSource.query<BalanceRow[]>(
      `SELECT ${BALANCE_COLUMNS} FROM inventory_balances b ${BALANCE_JOINS}
       ${filter.clause} ORDER BY w.code, i.sku LIMIT ${rowLimit}`,
      filter.parameters,
    );
  }

  async findById(id: string): Promise<BalanceRow | undefined> {
    const rows = await this.dataSource.query<BalanceRow[]>(
      `SELECT ${BALANCE_COLUMNS} FROM inventory_balances b ${BALANCE_JOINS} WHERE b.id = $1`,
      [id],
    );
    return rows[0];
  }
}
