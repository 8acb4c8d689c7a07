import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiErrorCode, type CursorKey, decodeCursor, ProblemException } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { ListInventoryMovementsQuery } from './inventory.contract';
import { MOVEMENT_COLUMNS, type MovementRow } from './inventory.rows';
import { SqlFilter } from './sql-filter.builder';

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads of the stock ledger (writes go through InventoryLedgerRepository). */
@Injectable()
export class InventoryMovementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keyset page ordered by (created_at, id), oldest first; fetches one extra row. */
  findPage(query: ListInventoryMovementsQuery, limit: number): Promise<MovementRow[]> {
    const after = ledgerPosition(decodeCursor(query.cursor, 2));
    const filter = new SqlFilter();
    if (query.warehouseId) filter.where((p) => `m.warehouse_id = ${p}`, query.warehouseId);
    if (query.itemId) filter.where((p) => `m.item_id = ${p}`, query.itemId);
    if (query.type) filter.where((p) => `m.type = ${p}`, query.type);
    if (query.from) filter.where((p) => `m.created_at >= ${p}::timestamptz`, query.from);
    if (query.to) filter.where((p) => `m.created_at < ${p}::timestamptz`, query.to);
    if (after) {
      filter.where(
        (at, id) => `(m.created_at, m.id) > (${at}::timestamptz, ${id}::uuid)`,
        after.at,
        after.id,
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

/** The cursor is cast in SQL, so a forged one must be refused here rather than fail there. */
function ledgerPosition(key: CursorKey | undefined): { at: string; id: string } | undefined {
  if (key === undefined) return undefined;
  const [at, id] = key;
  const wellFormed =
    typeof at === 'string' &&
    CURSOR_INSTANT.test(at) &&
    !Number.isNaN(Date.parse(at)) &&
    typeof id === 'string' &&
    UUID.test(id);
  if (wellFormed) return { at, id };
  throw new ProblemException(ApiErrorCode.INVALID_CURSOR, 'The cursor was not issued by this API', [
    { path: '/query/cursor', rule: 'cursor', message: 'not a cursor returned by a previous page' },
  ]);
}
