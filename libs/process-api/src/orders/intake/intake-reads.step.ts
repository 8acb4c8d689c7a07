import { Injectable } from '@nestjs/common';
import type { CreditPosition } from '@o2c/domain';
import { StatementBatch } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { PricedCatalogueItem } from '../persistence/catalogue.repository';
import { CreditPositionRepository } from '../persistence/credit-position.repository';
import type { CustomerAccount } from '../persistence/customer-account.repository';
import { type OrderRef, OrderRecordsRepository } from '../persistence/order-records.repository';
import { OrderLinesResolver } from './order-lines.resolver';
import type { RequestedLine } from './order-request.checks';

/** What intake decides on, read once the customer is locked. */
export interface IntakeReadings {
  /** The order holding the PO number, if any. */
  poNumberHolder: OrderRef | undefined;
  /** The items the lines name, with the customer's agreements on the order date. */
  items: PricedCatalogueItem[];
  /** The customer's exposure (not read for a revision: cancelling its predecessor changes it). */
  creditPosition: CreditPosition | undefined;
}

/**
 * Intake's reads after the customer lock, in one statement: they see every order committed
 * before the lock was granted, so a PO number or an exposure taken by a concurrent order of
 * the same customer is never missed.
 */
@Injectable()
export class IntakeReads {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly resolver: OrderLinesResolver,
    private readonly credit: CreditPositionRepository,
  ) {}

  async read(
    manager: EntityManager,
    order: { id: string; externalPoNumber: string; revising: boolean; on: string },
    customer: CustomerAccount,
    requested: RequestedLine[],
  ): Promise<IntakeReadings> {
    const batch = new StatementBatch(manager);
    const holder = this.records.poNumberHolderIn(batch, customer.id, order.externalPoNumber);
    const items = this.resolver.readItemsIn(batch, customer, requested, order.on);
    const position = order.revising
      ? undefined
      : this.credit.positionIn(batch, customer, order.on, [order.id]);
    await batch.flush();
    return { poNumberHolder: holder(), items: items(), creditPosition: position?.() };
  }
}
