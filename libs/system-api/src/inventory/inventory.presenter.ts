import { Decimal } from '@o2c/domain';
import { presentDecimal } from '@o2c/http';
import { decodeMovementReason } from './adjustment-reason.codec';
import type { AdjustmentReasonCode } from './inventory.contract';
import type { BalanceRow, MovementRow } from './inventory.rows';

export interface BalanceView {
  id: string;
  warehouseId: string;
  warehouseCode: string;
  itemId: string;
  sku: string;
  unit: string;
  onHand: string;
  allocated: string;
  available: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MovementView {
  id: string;
  type: string;
  warehouseId: string;
  itemId: string;
  quantity: string;
  unit: string;
  reasonCode: AdjustmentReasonCode | null;
  reason: string | null;
  reference: string | null;
  actor: string | null;
  occurredAt: string;
}

/** A posting answers with the ledger entry it wrote and the balance it left behind. */
export interface PostingView {
  movement: MovementView;
  balance: BalanceView;
}

export function presentBalance(row: BalanceRow): BalanceView {
  return {
    id: row.id,
    warehouseId: row.warehouse_id,
    warehouseCode: row.warehouse_code,
    itemId: row.item_id,
    sku: row.sku,
    unit: row.unit,
    onHand: presentDecimal(row.on_hand),
    allocated: presentDecimal(row.allocated),
    available: availableOf(row).toString(),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function availableOf(row: Pick<BalanceRow, 'on_hand' | 'allocated'>): Decimal {
  return new Decimal(row.on_hand).minus(row.allocated);
}

export function presentMovement(row: MovementRow): MovementView {
  return {
    id: row.id,
    type: row.type,
    warehouseId: row.warehouse_id,
    itemId: row.item_id,
    quantity: presentDecimal(row.quantity),
    unit: row.unit,
    ...decodeMovementReason(row.type, row.reason),
    reference: row.reference,
    actor: row.actor,
    occurredAt: row.created_at.toISOString(),
  };
}
