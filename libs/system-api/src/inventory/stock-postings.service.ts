import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Decimal } from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import { encodeAdjustmentReason } from './adjustment-reason.codec';
import { adjustedQuantityInBase, receivedQuantityInBase } from './base-quantity.converter';
import type { InventoryAdjustmentBody, InventoryReceiptBody } from './inventory.contract';
import { InventoryLedgerRepository, type StockKey } from './inventory-ledger.repository';
import {
  INVENTORY_RECEIPT_LISTENER,
  type InventoryReceiptListener,
} from './inventory-receipt.listener';
import { type PostingView, presentBalance, presentMovement } from './inventory.presenter';
import { ItemUnitsRepository, type StockedItem } from './item-units.repository';
import {
  inactiveWarehouse,
  insufficientStock,
  missingBalance,
  receivedInFuture,
  unknownReference,
} from './stock-posting.errors';
import { WarehouseRepository } from './warehouse.repository';

/** Clocks of scanners and WMS hosts drift a little; further ahead is a data-entry error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Receipts and adjustments: each one transaction holding the balance change and its ledger
 * movement, so neither exists without the other.
 */
@Injectable()
export class StockPostingsService {
  private readonly logger = new Logger('StockPostings');

  constructor(
    private readonly ledger: InventoryLedgerRepository,
    private readonly warehouses: WarehouseRepository,
    private readonly items: ItemUnitsRepository,
    @Optional()
    @Inject(INVENTORY_RECEIPT_LISTENER)
    private readonly receiptListener?: InventoryReceiptListener,
  ) {}

  async receive(body: InventoryReceiptBody): Promise<PostingView> {
    const occurredAt = receiptTime(body.receivedAt, new Date());
    const posting = await this.ledger.transaction(async (manager) => {
      const item = await this.stockedItem(manager, body, { receiving: true });
      const quantity = receivedQuantityInBase(body.quantity, body.uom, item);
      const balance = await this.ledger.receive(manager, body, quantity);
      const movement = await this.ledger.appendMovement(manager, {
        warehouseId: body.warehouseId,
        itemId: body.itemId,
        type: 'receipt',
        quantity,
        reason: null,
        reference: body.reference,
        occurredAt,
      });
      return { movement: presentMovement(movement), balance: presentBalance(balance) };
    });
    await this.announceReceipt(body, posting.movement.quantity);
    return posting;
  }

  /**
   * After the receipt committed, the process layer re-allocates backorders to the new stock
   * (through the listener it provides). The receipt stands whatever happens there: a failure is
   * logged, and the next receipt of the item picks the backorders up again.
   */
  private async announceReceipt(body: InventoryReceiptBody, quantity: string): Promise<void> {
    if (!this.receiptListener) return;
    try {
      await this.receiptListener.stockReceived({
        warehouseId: body.warehouseId,
        itemId: body.itemId,
        quantity,
        reference: body.reference,
      });
    } catch (error) {
      this.logger.error(
        { err: error, warehouseId: body.warehouseId, itemId: body.itemId },
        'backorder re-allocation after a receipt failed',
      );
    }
  }

  adjust(body: InventoryAdjustmentBody): Promise<PostingView> {
    return this.ledger.transaction(async (manager) => {
      const item = await this.stockedItem(manager, body, { receiving: false });
      const delta = adjustedQuantityInBase(body.quantity, body.uom, item);
      const balance =
        (await this.ledger.adjust(manager, body, delta)) ??
        (await this.refuseAdjustment(manager, body, item, delta));
      const movement = await this.ledger.appendMovement(manager, {
        warehouseId: body.warehouseId,
        itemId: body.itemId,
        type: 'adjustment',
        quantity: delta,
        reason: encodeAdjustmentReason(body.reasonCode, body.reason),
        reference: body.reference ?? null,
      });
      return { movement: presentMovement(movement), balance: presentBalance(balance) };
    });
  }

  private async stockedItem(
    manager: EntityManager,
    key: StockKey,
    { receiving }: { receiving: boolean },
  ): Promise<StockedItem> {
    const warehouse = await this.warehouses.findById(key.warehouseId, manager);
    if (!warehouse) throw unknownReference('/body/warehouseId', 'warehouse', key.warehouseId);
    if (receiving && !warehouse.active) throw inactiveWarehouse(warehouse.code);
    const item = await this.items.findById(manager, key.itemId);
    if (!item) throw unknownReference('/body/itemId', 'item', key.itemId);
    return item;
  }

  /** The guarded UPDATE matched no row: say whether the balance is missing or too small. */
  private async refuseAdjustment(
    manager: EntityManager,
    key: StockKey,
    item: StockedItem,
    delta: Decimal,
  ): Promise<never> {
    const current = await this.ledger.findBalance(manager, key);
    if (!current) throw missingBalance(item.sku, key.warehouseId);
    throw insufficientStock(current, delta);
  }
}

function receiptTime(receivedAt: string | undefined, now: Date): Date | undefined {
  if (receivedAt === undefined) return undefined;
  const at = new Date(receivedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw receivedInFuture();
  return at;
}
