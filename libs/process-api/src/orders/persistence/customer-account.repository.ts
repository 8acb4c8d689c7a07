import { Injectable } from '@nestjs/common';
import { Decimal, type PriceToleranceAction } from '@o2c/domain';
import type { CustomerStatus } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

/** The customer as the order process reads it: credit standing and order policy. */
export interface CustomerAccount {
  id: string;
  customerNumber: string;
  name: string;
  status: CustomerStatus;
  creditLimit: Decimal;
  currency: string;
  accountManager: string | null;
  allowBackorders: boolean;
  allowSubstitutions: boolean;
  priceTolerancePercent: Decimal;
  priceDeviationAction: PriceToleranceAction;
  overdueDaysLimit: number;
  marginFloorPercent: Decimal | null;
}

export interface ShipToRef {
  id: string;
  code: string;
  region: string | null;
  active: boolean;
}

interface CustomerRow {
  id: string;
  customerNumber: string;
  name: string;
  status: CustomerStatus;
  creditLimit: string;
  currency: string;
  accountManager: string | null;
  allowBackorders: boolean;
  allowSubstitutions: boolean;
  priceTolerancePercent: string;
  priceDeviationAction: PriceToleranceAction;
  overdueDaysLimit: number;
  marginFloorPercent: string | null;
}

const LOCK_CUSTOMER = `
  SELECT id, customer_number AS "customerNumber", name, status,
         credit_limit::text AS "creditLimit", currency, account_manager AS "accountManager",
         allow_backorders AS "allowBackorders", allow_substitutions AS "allowSubstitutions",
         price_tolerance_percent::text AS "priceTolerancePercent",
         price_deviation_action AS "priceDeviationAction",
         overdue_days_limit AS "overdueDaysLimit",
         margin_floor_percent::text AS "marginFloorPercent"
    FROM customers WHERE id = $1
     FOR UPDATE`;

const FIND_SHIP_TO = `
  SELECT id, code, region, active FROM customer_ship_tos
   WHERE customer_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) AND ($3::text IS NULL OR code = $3)`;

const NEXT_ORDER_NUMBER = `SELECT 'SO' || lpad(nextval('sales_order_number_seq')::text, 9, '0') AS number`;

@Injectable()
export class CustomerAccountRepository {
  /**
   * Locks the customer row for the rest of the transaction: orders of one customer take their
   * credit decisions one after the other, each seeing the exposure of the previous ones.
   * Every flow locks the customer before its orders and stock, so locks never cross.
   */
  async lock(manager: EntityManager, id: string): Promise<CustomerAccount | undefined> {
    const [row] = await manager.query<CustomerRow[]>(LOCK_CUSTOMER, [id]);
    if (!row) return undefined;
    return {
      ...row,
      creditLimit: new Decimal(row.creditLimit),
      priceTolerancePercent: new Decimal(row.priceTolerancePercent),
      marginFloorPercent:
        row.marginFloorPercent === null ? null : new Decimal(row.marginFloorPercent),
    };
  }

  /** By id, by code, or both (then both must name the same ship-to). */
  async findShipTo(
    manager: EntityManager,
    customerId: string,
    key: { id?: string; code?: string },
  ): Promise<ShipToRef | undefined> {
    const rows = await manager.query<ShipToRef[]>(FIND_SHIP_TO, [
      customerId,
      key.id ?? null,
      key.code ?? null,
    ]);
    return rows[0];
  }

  /** 'SO000001234': numbers may have gaps (a refused order consumed one); invoices may not. */
  async nextOrderNumber(manager: EntityManager): Promise<string> {
    const [row] = await manager.query<{ number: string }[]>(NEXT_ORDER_NUMBER);
    if (!row) throw new Error('the order number sequence gave no number');
    return row.number;
  }
}
