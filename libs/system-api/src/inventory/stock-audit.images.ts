import { Decimal } from '@o2c/domain';
import type { AuditImage } from '@o2c/governance';
import type { BalanceRow, MovementRow } from './inventory.rows';

/** The audited columns of a stock balance, named as the entity names them. */
export function balanceImage(row: BalanceRow): AuditImage {
  return {
    id: row.id,
    warehouseId: row.warehouse_id,
    itemId: row.item_id,
    onHand: row.on_hand,
    allocated: row.allocated,
    version: row.version,
  };
}

/**
 * The balance as it was before one guarded statement changed on_hand by `delta`: that statement
 * held the row lock, so the difference is exact even under concurrency, and no extra read is
 * needed. A version of 1 means the statement created the balance (a first receipt): no before.
 */
export function balanceBeforeChange(row: BalanceRow, delta: Decimal): AuditImage | null {
  if (row.version <= 1) return null;
  return {
    ...balanceImage(row),
    onHand: new Decimal(row.on_hand).minus(delta).toFixed(4),
    version: row.version - 1,
  };
}

export function movementImage(row: MovementRow): AuditImage {
  return {
    id: row.id,
    warehouseId: row.warehouse_id,
    itemId: row.item_id,
    type: row.type,
    quantity: row.quantity,
    reason: row.reason,
    reference: row.reference,
    actor: row.actor,
    createdAt: row.created_at.toISOString(),
  };
}
