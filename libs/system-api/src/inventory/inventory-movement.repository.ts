import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { ListInventoryMovementsQuery } from './inventory.contract';
import { MOVEMENT_COLUMNS, type MovementRow } from './inventory.rows';
import { SqlFilter } from './sql-filter.builder';

/** Reads of the stock ledger (writes go through InventoryLedgerRepository). */
@Injectable()
export class InventoryMovementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset page ordered by (created_at, id), oldest first; fetches one extra row. */
  findPage(query: ListInventoryMovementsQuery, limit: number): Promise<MovementRow[]> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const filter = new SqlFilter();
    if (query.warehouseId) filter.where((p) => `m.warehouse_id = ${p}`, query.warehouseId);
    if (query.itemId) filter.where((p) => `m.item_id = ${p}`, query.itemId);
    if (query.type) filter.where((p) => `m.type = ${p}`, query.type);
    if (query.from) filter.where((p) => `m.created_at >= ${p}::timestamptz`, query.from);
    if (query.to) filter.where((p) => `m.created_at < ${p}::timestamptz`, query.to);
    if (after) {
      filter.where(
        (at, id) => `(m.created_at, m.id) > (${at}::timestamptz, ${id}::uuid)`,
        after[0],
        after[1],
      );
    }
    const rowLimit = filter.bind(limit + 1);
    return this.dataSource.query<MovementRow[]>(
      `SELECT ${MOVEMENT_COLUMNS} FROM inventory_movements m JOIN items i ON i.id = m.item_id
       ${filter.clause} ORDER BY m.created_at, m.id LIMIT ${rowLimit}`,
      filter.parameters,
    );
  }
}
