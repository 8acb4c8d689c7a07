import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import type { SalesOrder, SalesOrderLine } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { type CatalogueItem, CatalogueRepository } from '../persistence/catalogue.repository';
import {
  type CustomerAccount,
  CustomerAccountRepository,
} from '../persistence/customer-account.repository';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import type { LineInFlow, OrderInFlow } from './order-in-flow';

/**
 * Loads an existing order for a command: the customer row is locked before the order row,
 * as at intake, so two commands on one customer's orders never wait on each other crosswise.
 * Undefined when the order does not exist or lies outside the caller's accounts.
 */
@Injectable()
export class OrderLoader {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async lock(
    manager: EntityManager,
    scope: AccountScope,
    orderId: string,
  ): Promise<OrderInFlow | undefined> {
    const found = await this.records.findOrder(manager, scope, orderId);
    if (!found) return undefined;
    const customer = await this.accounts.lock(manager, found.customerId);
    const order = await this.records.lockOrder(manager, scope, orderId);
    if (!customer || !order) return undefined;
    const lines = await this.records.activeLines(manager, orderId);
    return this.inFlow(manager, order, customer, lines);
  }

  async inFlow(
    manager: EntityManager,
    order: SalesOrder,
    customer: CustomerAccount,
    lines: SalesOrderLine[],
  ): Promise<OrderInFlow> {
    const orderedIds = lines.map((line) => line.substitutedForItemId ?? line.itemId);
    const items = await this.catalogue.findItems(manager, customer.id, { ids: orderedIds });
    const byId = new Map(items.map((item) => [item.id, item]));
    const shipTo = order.shipToId
      ? await this.accounts.findShipTo(manager, customer.id, { id: order.shipToId })
      : undefined;
    return {
      order,
      customer,
      shipToRegion: shipTo?.region ?? null,
      lines: lines.map((line) =>
        lineInFlow(line, byId.get(line.substitutedForItemId ?? line.itemId)),
      ),
    };
  }
}

export function lineInFlow(line: SalesOrderLine, item: CatalogueItem | undefined): LineInFlow {
  return {
    line,
    orderedItemId: line.substitutedForItemId ?? line.itemId,
    sku: item?.sku ?? '',
    baseUom: item?.baseUom ?? line.uom,
    substitutes: item?.substitutes ?? [],
  };
}
