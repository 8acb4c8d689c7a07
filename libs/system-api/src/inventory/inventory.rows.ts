/**
 * Raw rows of the inventory SQL (snake_case as Postgres returns them; numerics as strings).
 * Stock is written with hand-written statements because the guarded UPDATE and the upsert are
 * the concurrency control (DESIGN.md section 9), so reads share these shapes with the writes.
 */
export interface BalanceRow {
  id: string;
  warehouse_id: string;
  warehouse_code: string;
  item_id: string;
  sku: string;
  unit: string;
  on_hand: string;
  allocated: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface MovementRow {
  id: string;
  warehouse_id: string;
  item_id: string;
  type: string;
  quantity: string;
  unit: string;
  reason: string | null;
  reference: string | null;
  actor: string | null;
  created_at: Date;
  /** created_at with microseconds, for the keyset cursor (a JS Date keeps milliseconds only). */
  cursor_at: string;
}

/** Selects a BalanceRow from `b` (inventory_balances) joined to its warehouse and item. */
export const BALANCE_COLUMNS = `b.id, b.warehouse_id, w.code AS warehouse_code, b.item_id, i.sku,
  i.base_uom AS unit, b.on_hand, b.allocated, b.version, b.created_at, b.updated_at`;

export const BALANCE_JOINS = `JOIN warehouses w ON w.id = b.warehouse_id
  JOIN items i ON i.id = b.item_id`;

/** Selects a MovementRow from `m` (inventory_movements) joined to its item as `i`. */
export const MOVEMENT_COLUMNS = `m.id, m.warehouse_id, m.item_id, m.type, m.quantity,
  i.base_uom AS unit, m.reason, m.reference, m.actor, m.created_at,
  to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;
