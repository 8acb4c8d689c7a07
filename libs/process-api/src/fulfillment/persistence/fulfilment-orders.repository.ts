import { Injectable } from '@nestjs/common';
import { Allocation, SalesOrderLine } from '@o2c/persistence';
import { type EntityManager, In } from 'typeorm';
import { LIVE_ALLOCATION_STATUSES } from '../../orders/persistence/order-records.repository';

export interface WarehouseRow {
  id: string;
  code: string;
  active: boolean;
}

export interface OrderRef {
  id: string;
  customerId: string;
}

export interface ItemUnitsRow {
  id: string;
  sku: string;
  baseUom: string;
  conversions: { uom: string; toBase: string }[];
}

const FIND_ORDER = `
  SELECT id, customer_id AS "customerId" FROM sales_orders
   WHERE ($1::uuid IS NULL OR id = $1::uuid) AND ($2::text IS NULL OR order_number = $2)`;

const ITEM_UNITS = `
  SELECT i.id, i.sku, i.base_uom AS "baseUom",
         COALESCE((SELECT json_agg(json_build_object('uom', c.uom, 'toBase', c.to_base::text))
                     FROM item_uom_conversions c WHERE c.item_id = i.id), '[]'::json) AS conversions
    FROM items i WHERE i.id = ANY($1::uuid[])`;

/** The order side of shipping: warehouses, orders, their lines, allocations and item units. */
@Injectable()
export class FulfilmentOrdersRepository {
  async findWarehouse(manager: EntityManager, code: string): Promise<WarehouseRow | undefined> {
    const rows = await manager.query<WarehouseRow[]>(
      'SELECT id, code, active FROM warehouses WHERE code = $1',
      [code],
    );
    return rows[0];
  }

  /** By id, by number, or both (then both must name the same order). */
  async findOrder(
    manager: EntityManager,
    key: { orderId?: string; orderNumber?: string },
  ): Promise<OrderRef | undefined> {
    const rows = await manager.query<OrderRef[]>(FIND_ORDER, [
      key.orderId ?? null,
      key.orderNumber ?? null,
    ]);
    return rows[0];
  }

  /** Every line, cancelled ones included (an event naming one is refused with the reason). */
  lines(manager: EntityManager, orderId: string): Promise<SalesOrderLine[]> {
    return manager.find(SalesOrderLine, { where: { orderId }, order: { lineNumber: 'ASC' } });
  }

  /** The lines' live allocations in one warehouse, oldest first: the order they ship in. */
  liveAllocationsIn(
    manager: EntityManager,
    lineIds: string[],
    warehouseId: string,
  ): Promise<Allocation[]> {
    if (lineIds.length === 0) return Promise.resolve([]);
    return manager.find(Allocation, {
      where: {
        orderLineId: In(lineIds),
        warehouseId,
        status: In([...LIVE_ALLOCATION_STATUSES]),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async itemUnits(manager: EntityManager, itemIds: string[]): Promise<Map<string, ItemUnitsRow>> {
    if (itemIds.length === 0) return new Map();
    const rows = await manager.query<ItemUnitsRow[]>(ITEM_UNITS, [[...new Set(itemIds)]]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}
