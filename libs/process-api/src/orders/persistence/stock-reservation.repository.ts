import { Injectable } from '@nestjs/common';
import { Decimal, stockKey } from '@o2c/domain';
import { AuditTrail } from '@o2c/governance';
import { preparedStatement, queryPrepared } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { WarehouseRef } from './catalogue.repository';

export interface StockQuantity {
  warehouseId: string;
  itemId: string;
  /** Base units, positive. */
  quantity: Decimal;
}

interface AvailableRow {
  warehouseId: string;
  itemId: string;
  available: string;
  warehouseCode: string;
  regionsServed: string[];
}

interface BalanceRow {
  id: string;
  warehouseId: string;
  itemId: string;
  onHand: string;
  allocated: string;
  version: number;
}

/** Locks in one fixed order (warehouse, item), whoever asks: concurrent orders queue on the
 *  rows they share instead of deadlocking. Only balances in active warehouses, each with what
 *  allocation needs of its warehouse. */
const LOCK_SUPPLY = preparedStatement(
  'lock-stock-in-active-warehouses',
  `
  SELECT b.warehouse_id AS "warehouseId", b.item_id AS "itemId",
         (b.on_hand - b.allocated)::text AS available,
         w.code AS "warehouseCode", w.regions_served AS "regionsServed"
    FROM inventory_balances b
    JOIN warehouses w ON w.id = b.warehouse_id AND w.active
   WHERE b.item_id = ANY($1::uuid[])
   ORDER BY b.warehouse_id, b.item_id
     FOR UPDATE OF b`,
);

/** The same lock for given warehouses (callers that know them). */
const LOCK_AVAILABLE = preparedStatement(
  'lock-available-stock',
  `
  SELECT warehouse_id AS "warehouseId", item_id AS "itemId",
         (on_hand - allocated)::text AS available
    FROM inventory_balances
   WHERE item_id = ANY($1::uuid[]) AND warehouse_id = ANY($2::uuid[])
   ORDER BY warehouse_id, item_id
     FOR UPDATE`,
);

const LOCK_KEYS = `
  SELECT b.id FROM inventory_balances b
    JOIN unnest($1::uuid[], $2::uuid[]) AS k(warehouse_id, item_id)
      ON b.warehouse_id = k.warehouse_id AND b.item_id = k.item_id
   ORDER BY b.warehouse_id, b.item_id
     FOR UPDATE OF b`;

/** One guarded statement for all balances: a row changes only while the guard holds. */
const changeAllocated = (direction: 'reserve' | 'return') => `
  WITH wanted AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[]) AS w(warehouse_id, item_id, quantity)
  ), changed AS (
    UPDATE inventory_balances b
       SET allocated = b.allocated ${direction === 'reserve' ? '+' : '-'} w.quantity,
           version = b.version + 1, updated_at = now()
      FROM wanted w
     WHERE b.warehouse_id = w.warehouse_id AND b.item_id = w.item_id
       AND ${direction === 'reserve' ? 'b.on_hand - b.allocated >= w.quantity' : 'b.allocated >= w.quantity'}
    RETURNING b.id, b.warehouse_id, b.item_id, b.on_hand, b.allocated, b.version)
  SELECT id, warehouse_id AS "warehouseId", item_id AS "itemId", on_hand::text AS "onHand",
         allocated::text AS allocated, version FROM changed`;

const CHANGE_ALLOCATED = {
  reserve: preparedStatement('reserve-stock', changeAllocated('reserve')),
  return: preparedStatement('return-stock', changeAllocated('return')),
};

/**
 * Stock reservations of orders: `allocated` of inventory_balances moves only through a guarded
 * UPDATE (`allocated + q WHERE on_hand - allocated >= q`, and back with `allocated >= q`),
 * checked row by row. Raw SQL passes by the ORM's audit subscriber, so each changed balance
 * records its audit row here, in the same transaction (as the inventory ledger does).
 */
@Injectable()
export class StockReservationRepository {
  constructor(private readonly audit: AuditTrail) {}

  /**
   * Locks the balances of these items in every active warehouse: unreserved stock by stockKey,
   * and those warehouses (by code), the only ones that can supply the items.
   */
  async lockSupply(
    manager: EntityManager,
    itemIds: string[],
  ): Promise<{ available: Map<string, Decimal>; warehouses: WarehouseRef[] }> {
    if (itemIds.length === 0) return { available: new Map(), warehouses: [] };
    const rows = await queryPrepared<AvailableRow>(manager, LOCK_SUPPLY, [itemIds]);
    const warehouses = new Map<string, WarehouseRef>();
    for (const row of rows) {
      warehouses.set(row.warehouseId, {
        id: row.warehouseId,
        code: row.warehouseCode,
        regionsServed: row.regionsServed,
      });
    }
    return {
      available: new Map(
        rows.map((row) => [stockKey(row.warehouseId, row.itemId), new Decimal(row.available)]),
      ),
      // As the catalogue lists warehouses: by code.
      warehouses: [...warehouses.values()].sort((a, b) =>
        a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : 1,
      ),
    };
  }

  /** Locks the balances of these items in these warehouses; unreserved stock by stockKey. */
  async lockAvailable(
    manager: EntityManager,
    itemIds: string[],
    warehouseIds: string[],
  ): Promise<Map<string, Decimal>> {
    if (itemIds.length === 0 || warehouseIds.length === 0) return new Map();
    const rows = await queryPrepared<{ warehouseId: string; itemId: string; available: string }>(
      manager,
      LOCK_AVAILABLE,
      [itemIds, warehouseIds],
    );
    return new Map(
      rows.map((row) => [stockKey(row.warehouseId, row.itemId), new Decimal(row.available)]),
    );
  }

  /** Adds to `allocated`; the balances must have been locked by lockSupply or lockAvailable. */
  reserve(manager: EntityManager, quantities: StockQuantity[]): Promise<void> {
    return this.change(manager, 'reserve', quantities);
  }

  /** Takes back from `allocated`, locking the balances in the fixed order first. */
  async unreserve(manager: EntityManager, quantities: StockQuantity[]): Promise<void> {
    const totals = totalsByBalance(quantities);
    if (totals.length === 0) return;
    await manager.query(LOCK_KEYS, [
      totals.map((total) => total.warehouseId),
      totals.map((total) => total.itemId),
    ]);
    await this.change(manager, 'return', quantities);
  }

  private async change(
    manager: EntityManager,
    direction: 'reserve' | 'return',
    quantities: StockQuantity[],
  ): Promise<void> {
    const totals = totalsByBalance(quantities);
    if (totals.length === 0) return;
    const rows = await queryPrepared<BalanceRow>(manager, CHANGE_ALLOCATED[direction], [
      totals.map((total) => total.warehouseId),
      totals.map((total) => total.itemId),
      totals.map((total) => total.quantity.toFixed()),
    ]);
    const changed = new Map(rows.map((row) => [stockKey(row.warehouseId, row.itemId), row]));
    for (const total of totals) {
      const row = changed.get(stockKey(total.warehouseId, total.itemId));
      // Cannot happen under the row locks: a plan never asks for more than it saw available.
      if (!row) throw new Error(`stock guard failed to ${direction} ${total.quantity.toFixed()}`);
      const delta = direction === 'reserve' ? total.quantity : total.quantity.negated();
      await this.audit.record(manager, {
        objectType: 'inventory_balances',
        objectId: row.id,
        before: {
          ...balanceImage(row),
          allocated: new Decimal(row.allocated).minus(delta).toFixed(4),
          version: row.version - 1,
        },
        after: balanceImage(row),
      });
    }
  }
}

/** One entry per balance: two lines (or a line and a substitute) may share one. */
function totalsByBalance(quantities: StockQuantity[]): StockQuantity[] {
  const totals = new Map<string, StockQuantity>();
  for (const entry of quantities) {
    const key = stockKey(entry.warehouseId, entry.itemId);
    const total = totals.get(key);
    totals.set(key, total ? { ...total, quantity: total.quantity.plus(entry.quantity) } : entry);
  }
  return [...totals.values()].sort(
    (a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.itemId.localeCompare(b.itemId),
  );
}

function balanceImage(row: BalanceRow): Record<string, unknown> {
  return {
    id: row.id,
    warehouseId: row.warehouseId,
    itemId: row.itemId,
    onHand: row.onHand,
    allocated: row.allocated,
    version: row.version,
  };
}
