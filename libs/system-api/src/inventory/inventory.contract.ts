/** Stock request shapes of openapi/system/inventory.v1.yaml (validated by the gateway before use). */
export const ADJUSTMENT_REASON_CODES = [
  'cycle_count',
  'damage',
  'shrinkage',
  'found',
  'correction',
] as const;
export type AdjustmentReasonCode = (typeof ADJUSTMENT_REASON_CODES)[number];

export interface InventoryReceiptBody {
  warehouseId: string;
  itemId: string;
  quantity: string;
  uom?: string;
  reference: string;
  receivedAt?: string;
}

export interface InventoryAdjustmentBody {
  warehouseId: string;
  itemId: string;
  quantity: string;
  uom?: string;
  reasonCode: AdjustmentReasonCode;
  reason?: string;
  reference?: string;
}

export interface ListInventoryBalancesQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
  warehouseId?: string;
  itemId?: string;
  sku?: string;
  available?: boolean;
}

export interface ListInventoryMovementsQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
  warehouseId?: string;
  itemId?: string;
  type?: 'receipt' | 'adjustment' | 'allocation' | 'release' | 'shipment';
  from?: string;
  to?: string;
}
