import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderFlow } from '../../orders/flow/order-flow.service';
import { type CashActor, flowActorOfCash } from '../cash-actor';

/** Customers among these with an order waiting on an open credit hold. */
const WITH_CREDIT_HOLDS = `
  SELECT DISTINCT o.customer_id AS "customerId"
    FROM order_holds h JOIN sales_orders o ON o.id = h.order_id
   WHERE h.type = 'credit' AND h.status = 'open' AND o.customer_id = ANY($1::uuid[])
   ORDER BY 1`;

/**
 * Cash applied, and credit put on account, lower a customer's open receivables, hence its
 * credit exposure: the order flow re-judges the customer's credit holds against the exposure
 * as it now is and releases those whose condition cleared (resuming allocation and release),
 * in the same transaction.
 * Runs after the cash is written (invoices and payments are locked before customers here,
 * and nothing locks them the other way round).
 */
@Injectable()
export class CreditHoldsStep {
  constructor(private readonly flow: OrderFlow) {}

  async releaseCleared(
    manager: EntityManager,
    customerIds: Iterable<string>,
    actor: CashActor,
  ): Promise<void> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return;
    const held = await manager.query<{ customerId: string }[]>(WITH_CREDIT_HOLDS, [ids]);
    for (const { customerId } of held) {
      await this.flow.releaseHoldsWhoseConditionCleared(
        manager,
        customerId,
        flowActorOfCash(actor),
      );
    }
  }
}
