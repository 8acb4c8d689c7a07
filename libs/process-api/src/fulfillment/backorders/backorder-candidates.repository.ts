import { Injectable } from '@nestjs/common';
import { SalesOrderLine } from '@o2c/persistence';
import { type EntityManager, In, MoreThan, Not } from 'typeorm';

export interface WaitingOrder {
  id: string;
  customerId: string;
}

/** Orders that wait for an item, oldest first: released ones with a backordered remainder and
 *  ones still waiting for any stock at all. Orders with an open hold wait for a person. */
const WAITING = `
  SELECT o.id, o.customer_id AS "customerId"
    FROM sales_orders o
   WHERE o.status IN ('validated', 'approved', 'released', 'partially_shipped')
     AND EXISTS (SELECT 1 FROM sales_order_lines l
                  WHERE l.order_id = o.id AND l.item_id = $1 AND l.quantity_backordered > 0
                    AND l.status NOT IN ('cancelled', 'rejected'))
     AND NOT EXISTS (SELECT 1 FROM order_holds h WHERE h.order_id = o.id AND h.status = 'open')
   ORDER BY o.created_at, o.id
   LIMIT $2`;

@Injectable()
export class BackorderCandidatesRepository {
  waiting(manager: EntityManager, itemId: string, limit: number): Promise<WaitingOrder[]> {
    return manager.query<WaitingOrder[]>(WAITING, [itemId, limit]);
  }

  /** The order's lines backordered on this item, by line number. */
  backorderedLines(
    manager: EntityManager,
    orderId: string,
    itemId: string,
  ): Promise<SalesOrderLine[]> {
    return manager.find(SalesOrderLine, {
      where: {
        orderId,
        itemId,
        quantityBackordered: MoreThan('0'),
        status: Not(In(['cancelled', 'rejected'])),
      },
      order: { lineNumber: 'ASC' },
    });
  }

  async hasOpenHold(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM order_holds WHERE order_id = $1 AND status = 'open' LIMIT 1`,
      [orderId],
    );
    return rows.length > 0;
  }
}
