import { Injectable } from '@nestjs/common';
import { Decimal, stockKey } from '@o2c/domain';
import { AuditTrail } from '@o2c/governance';
import type { EntityManager } from 'typeorm';

/** What one shipment takes out of one balance, in base units. */
export interface StockDrawdown {
  warehouseId: string;
  itemId: string;
  /** Leaves the warehouse: on hand goes down by it. */
  shipped: Decimal;
  /** Reservations it ends: allocated goes down by it (drawn plus handed back). */
  unreserved: Decimal;
}

interface BalanceRow {
  id: string;
  warehouseId: string;
  itemId: string;
  onHand: string;
  allocated: string;
  version: number;
}

/** Locks in the same fixed order (warehouse, item) as allocation does. */
const LOCK_KEYS = `
  SELECT b.id FROM inventory_balances b
    JOIN unnest($1::uuid[], $2::uuid[]) AS k(warehouse_id, item_id)
      ON b.warehouse_id = k.warehouse_id AND b.item_id = k.item_id
   ORDER BY b.warehouse_id, b.item_id
     FOR UPDATE OF b`;

/**
 * One guarded statement: on hand and allocated move together, and a balance changes only when
 * it holds the reservations being ended and the free stock shipped beyond them
 * (on_hand - shipped >= allocated - unreserved).
 */
const DRAW_DOWN = `
  WITH wanted AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::numeric[])
      AS w(warehouse_id, item_id, shipped, unreserved)
  ), changed AS (
    UPDATE inventory_balances b
       SET on_hand = b.on_hand - w.shipped, allocated = b.allocated - w.unreserved,
           version = b.version + 1, updated_at = now()
      FROM wanted w
     WHERE b.warehouse_id = w.warehouse_id AND b.item_id = w.item_id
       AND b.allocated >= w.unreserved
       AND b.on_hand - w.shipped >= b.allocated - w.unreserved
    RETURNING b.id, b.warehouse_id, b.item_id, b.on_hand, b.allocated, b.version)
  SELECT id, warehouse_id AS "warehouseId", item_id AS "itemId", on_hand::text AS "onHand",
         allocated::text AS allocated, version FROM changed`;

export type DrawdownResult = { ok: true } | { ok: false; short: StockDrawdown };

/**
 * Stock leaving with shipments. Raw SQL passes by the ORM's audit subscriber, so each changed
 * balance records its audit row here, in the same transaction.
 */
@Injectable()
export class ShipmentStockRepository {
  constructor(private readonly audit: AuditTrail) {}

  async drawDown(manager: EntityManager, drawdowns: StockDrawdown[]): Promise<DrawdownResult> {
    const totals = totalsByBalance(drawdowns);
    if (totals.length === 0) return { ok: true };
    const warehouses = totals.map((total) => total.warehouseId);
    const items = totals.map((total) => total.itemId);
    await manager.query(LOCK_KEYS, [warehouses, items]);
    const rows = await manager.query<BalanceRow[]>(DRAW_DOWN, [
      warehouses,
      items,
      totals.map((total) => total.shipped.toFixed()),
      totals.map((total) => total.unreserved.toFixed()),
    ]);
    const changed = new Map(rows.map((row) => [stockKey(row.warehouseId, row.itemId), row]));
    const short = totals.find((total) => !changed.has(stockKey(total.warehouseId, total.itemId)));
    // The caller rolls the transaction back: the rows that did change are undone with it.
    if (short) return { ok: false, short };
    if (this.audit.isRecording()) {
      for (const total of totals) {
        const row = changed.get(stockKey(total.warehouseId, total.itemId)) as BalanceRow;
        await this.audit.record(manager, {
          objectType: 'inventory_balances',
          objectId: row.id,
          before: {
            ...balanceImage(row),
            onHand: new Decimal(row.onHand).plus(total.shipped).toFixed(4),
            allocated: new Decimal(row.allocated).plus(total.unreserved).toFixed(4),
            version: row.version - 1,
          },
          after: balanceImage(row),
        });
      }
    }
    return { ok: true };
  }
}

function totalsByBalance(drawdowns: StockDrawdown[]): StockDrawdown[] {
  const totals = new Map<string, StockDrawdown>();
  for (const entry of drawdowns) {
    const key = stockKey(entry.warehouseId, entry.itemId);
    const total = totals.get(key);
    totals.set(
      key,
      total
        ? {
            ...total,
            shipped: total.shipped.plus(entry.shipped),
            unreserved: total.unreserved.plus(entry.unreserved),
          }
        : entry,
    );
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
