import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Decimal } from '@o2c/domain';
import { AuditTrail } from '@o2c/governance';
import type { InventoryMovementType } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BALANCE_COLUMNS,
  BALANCE_JOINS,
  type BalanceRow,
  MOVEMENT_COLUMNS,
  type MovementRow,
} from './inventory.rows';
import { balanceBeforeChange, balanceImage, movementImage } from './stock-audit.images';

export interface StockKey {
  warehouseId: string;
  itemId: string;
}

export interface NewMovement extends StockKey {
  type: InventoryMovementType;
  quantity: Decimal;
  reason: string | null;
  reference: string | null;
  /** When the stock moved; the database clock when absent. */
  occurredAt?: Date;
}

/**
 * Writes to stock balances and the ledger. Each statement is its own concurrency control under
 * READ COMMITTED: the row lock taken by INSERT ... ON CONFLICT / UPDATE serializes writers per
 * balance, and the guard is re-checked against the latest row version, so no update is lost.
 * Raw SQL passes by the ORM's audit subscriber, so each write records its own audit row, in
 * the same transaction.
 */
@Injectable()
export class InventoryLedgerRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Adds received stock, creating the balance on the first receipt (race-free upsert). */
  async receive(manager: EntityManager, key: StockKey, quantity: Decimal): Promise<BalanceRow> {
    const rows = await manager.query<BalanceRow[]>(
      `WITH b AS (
         INSERT INTO inventory_balances (warehouse_id, item_id, on_hand)
         VALUES ($1, $2, $3)
         ON CONFLICT (warehouse_id, item_id) DO UPDATE
           SET on_hand = inventory_balances.on_hand + EXCLUDED.on_hand,
               version = inventory_balances.version + 1,
               updated_at = now()
         RETURNING *)
       SELECT ${BALANCE_COLUMNS} FROM b ${BALANCE_JOINS}`,
      [key.warehouseId, key.itemId, quantity.toFixed()],
    );
    const balance = single(rows, 'receive');
    await this.auditBalance(manager, balance, quantity);
    return balance;
  }

  /**
   * Changes on-hand stock by a signed quantity with one guarded UPDATE: the row is only touched
   * while on_hand + delta stays at or above allocated (and so at or above zero, allocated being
   * non-negative). Undefined when the guard fails or the balance does not exist.
   */
  async adjust(
    manager: EntityManager,
    key: StockKey,
    delta: Decimal,
  ): Promise<BalanceRow | undefined> {
    const rows = await manager.query<BalanceRow[]>(
      `WITH b AS (
         UPDATE inventory_balances
            SET on_hand = on_hand + $3, version = version + 1, updated_at = now()
          WHERE warehouse_id = $1 AND item_id = $2 AND on_hand + $3 >= allocated
         RETURNING *)
       SELECT ${BALANCE_COLUMNS} FROM b ${BALANCE_JOINS}`,
      [key.warehouseId, key.itemId, delta.toFixed()],
    );
    const balance = rows[0];
    if (balance) await this.auditBalance(manager, balance, delta);
    return balance;
  }

  /** The balance as it is now (to explain a rejected adjustment). */
  async findBalance(manager: EntityManager, key: StockKey): Promise<BalanceRow | undefined> {
    const rows = await manager.query<BalanceRow[]>(
      `SELECT ${BALANCE_COLUMNS} FROM inventory_balances b ${BALANCE_JOINS}
        WHERE b.warehouse_id = $1 AND b.item_id = $2`,
      [key.warehouseId, key.itemId],
    );
    return rows[0];
  }

  async appendMovement(manager: EntityManager, movement: NewMovement): Promise<MovementRow> {
    const rows = await manager.query<MovementRow[]>(
      `WITH m AS (
         INSERT INTO inventory_movements
           (warehouse_id, item_id, type, quantity, reason, reference, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::timestamptz, now()))
         RETURNING *)
       SELECT ${MOVEMENT_COLUMNS} FROM m JOIN items i ON i.id = m.item_id`,
      [
        movement.warehouseId,
        movement.itemId,
        movement.type,
        movement.quantity.toFixed(),
        movement.reason,
        movement.reference,
        movement.occurredAt?.toISOString() ?? null,
      ],
    );
    const appended = single(rows, 'appendMovement');
    await this.audit.record(manager, {
      objectType: 'inventory_movements',
      objectId: appended.id,
      before: null,
      after: movementImage(appended),
    });
    return appended;
  }

  /** The balance before is derived from the change the statement made (see stock-audit.images). */
  private async auditBalance(manager: EntityManager, balance: BalanceRow, delta: Decimal) {
    await this.audit.record(manager, {
      objectType: 'inventory_balances',
      objectId: balance.id,
      before: balanceBeforeChange(balance, delta),
      after: balanceImage(balance),
    });
  }
}

function single<T>(rows: T[], statement: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
