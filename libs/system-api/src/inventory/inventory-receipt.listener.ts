/** Stock that has just been received and committed, in the item's base unit. */
export interface StockReceived {
  warehouseId: string;
  itemId: string;
  /** Decimal string, base units. */
  quantity: string;
  /** The receipt's reference (e.g. a purchase order or ASN number). */
  reference: string;
}

/**
 * Told about every inventory receipt after it committed. The inventory system API knows
 * nothing of orders: the process layer provides the listener (under this token) to re-allocate
 * backorders to the new stock. A listener failure never undoes the receipt.
 */
export interface InventoryReceiptListener {
  stockReceived(receipt: StockReceived): Promise<void>;
}

export const INVENTORY_RECEIPT_LISTENER = Symbol('INVENTORY_RECEIPT_LISTENER');
