import { Injectable } from '@nestjs/common';
import { Decimal, type PriceToleranceAction, type ShortagePolicy } from '@o2c/domain';
import { type CustomerStatus, preparedStatement, queryPrepared } from '@o2c/persistence';
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
  shortagePolicy: ShortagePolicy;
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
  shortagePolicy: ShortagePolicy;
  allowSubstitutions: boolean;
  priceTolerancePercent: string;
  priceDeviationAction: PriceToleranceAction;
  overdueDaysLimit: number;
  marginFloorPercent: string | null;
}

interface IntakeRow extends CustomerRow {
  shipTo: ShipToRef | null;
  orderNumber: string;
}

export interface CustomerForIntake {
  customer: CustomerAccount;
  shipTo: ShipToRef | undefined;
  orderNumber: string;
}

function customerAccount(row: CustomerRow): CustomerAccount {
  return {
    ...row,
    creditLimit: new Decimal(row.creditLimit),
    priceTolerancePercent: new Decimal(row.priceTolerancePercent),
    marginFloorPercent:
      row.marginFloorPercent === null ? null : new Decimal(row.marginFloorPercent),
  };
}

const CUSTOMER_COLUMNS = `c.id, c.customer_number AS "customerNumber", c.name, c.status,
         c.credit_limit::text AS "creditLimit", c.currency, c.account_manager AS "accountManager",
         c.shortage_policy AS "shortagePolicy", c.allow_substitutions AS "allowSubstitutions",
         c.price_tolerance_percent::text AS "priceTolerancePercent",
         c.price_deviation_action AS "priceDeviationAction",
         c.overdue_days_limit AS "overdueDaysLimit",
         c.margin_floor_percent::text AS "marginFloorPercent"`;

const LOCK_CUSTOMER = preparedStatement(
  'lock-customer',
  `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1 FOR UPDATE`,
);

/** The customer locked, the ship-to the order names, and a number for the order. */
const LOCK_FOR_INTAKE = preparedStatement(
  'lock-customer-for-intake',
  `SELECT ${CUSTOMER_COLUMNS},
          (SELECT json_build_object('id', s.id, 'code', s.code, 'region', s.region,
                                    'active', s.active)
             FROM customer_ship_tos s
            WHERE s.customer_id = c.id AND ($2::uuid IS NULL OR s.id = $2::uuid)
              AND ($3::text IS NULL OR s.code = $3)
            LIMIT 1) AS "shipTo",
          'SO' || lpad(nextval('sales_order_number_seq')::text, 9, '0') AS "orderNumber"
     FROM customers c WHERE c.id = $1
      FOR UPDATE OF c`,
);

const FIND_SHIP_TO = preparedStatement(
  'find-ship-to',
  `
  SELECT id, code, region, active FROM customer_ship_tos
   WHERE customer_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) AND ($3::text IS NULL OR code = $3)`,
);

@Injectable()
export class CustomerAccountRepository {
  /**
   * Locks the customer row for the rest of the transaction: orders of one customer take their
   * credit decisions one after the other, each seeing the exposure of the previous ones.
   * Every flow locks the customer before its orders and stock, so locks never cross.
   */
  async lock(manager: EntityManager, id: string): Promise<CustomerAccount | undefined> {
    const [row] = await queryPrepared<CustomerRow>(manager, LOCK_CUSTOMER, [id]);
    return row && customerAccount(row);
  }

  /**
   * Intake's first read, in one round trip: the customer locked (as lock() does), the ship-to
   * named by id and/or code (as findShipTo() finds it) and the new order's number
   * ('SO000001234'; numbers may have gaps, a refused order consumes one; invoices may not).
   * Undefined when the customer does not exist.
   */
  async lockForIntake(
    manager: EntityManager,
    id: string,
    shipToKey: { id?: string; code?: string },
  ): Promise<CustomerForIntake | undefined> {
    const [row] = await queryPrepared<IntakeRow>(manager, LOCK_FOR_INTAKE, [
      id,
      shipToKey.id ?? null,
      shipToKey.code ?? null,
    ]);
    if (!row) return undefined;
    const { shipTo, orderNumber, ...customer } = row;
    return { customer: customerAccount(customer), shipTo: shipTo ?? undefined, orderNumber };
  }

  /** By id, by code, or both (then both must name the same ship-to). */
  async findShipTo(
    manager: EntityManager,
    customerId: string,
    key: { id?: string; code?: string },
  ): Promise<ShipToRef | undefined> {
    const rows = await queryPrepared<ShipToRef>(manager, FIND_SHIP_TO, [
      customerId,
      key.id ?? null,
      key.code ?? null,
    ]);
    return rows[0];
  }
}
