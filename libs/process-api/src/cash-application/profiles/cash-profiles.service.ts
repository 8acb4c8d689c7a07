import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, parseMoney } from '@o2c/domain';
import { accountScopeOf, canAccessCustomer, type Principal } from '@o2c/governance';
import {
  expectedVersion,
  type MoneyView,
  presentMoney,
  ProblemException,
  staleVersion,
} from '@o2c/http';
import { Customer, CustomerCashProfile } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import type { CashProfileBody } from '../cash.contract';

export interface CashProfileView {
  customerId: string;
  writeOffAbsolute: MoneyView;
  writeOffPercent: string;
  discountGraceDays: number;
  /** 0 while the customer has the default (nothing stored). */
  version: number;
  updatedAt: string | null;
}

/**
 * A customer's cash-application profile: the write-off tolerance (absolute, in the customer's
 * currency, and percent of the open balance; the smaller wins) and the discount grace days.
 * Read with the default when none is stored; written with If-Match (`"0"` creates it), through
 * the ORM so the audit trail records it. Applies to payments decided afterwards.
 */
@Injectable()
export class CashProfilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(principal: Principal, customerId: string): Promise<CashProfileView> {
    const customer = await this.customer(this.dataSource.manager, principal, customerId);
    const profile = await this.dataSource.manager.findOne(CustomerCashProfile, {
      where: { customerId },
    });
    return present(customer, profile);
  }

  async put(
    principal: Principal,
    customerId: string,
    ifMatch: string | undefined,
    body: CashProfileBody,
  ): Promise<CashProfileView> {
    return this.dataSource.transaction(async (manager) => {
      const customer = await this.customer(manager, principal, customerId);
      const expected = expectedVersion(ifMatch);
      const absolute = parseMoney(
        body.writeOffAbsolute,
        customer.currency,
        '/body/writeOffAbsolute',
      ).amount;
      if (absolute.isNegative()) {
        throw cashProblem(
          CashErrorCode.NEGATIVE_AMOUNT,
          '/body/writeOffAbsolute',
          'writeOffAbsolute must not be negative',
        );
      }
      const percent = new Decimal(body.writeOffPercent);
      if (percent.greaterThan(100)) {
        throw ProblemException.invalid(
          '/body/writeOffPercent',
          'maximum',
          'writeOffPercent must be from 0 to 100',
        );
      }
      const existing = await manager.findOne(CustomerCashProfile, {
        where: { customerId },
        lock: { mode: 'pessimistic_write' },
      });
      const current = existing?.version ?? 0;
      if (current !== expected) throw staleVersion('cash-application profile', customerId, current);
      const profile = existing ?? manager.create(CustomerCashProfile, { customerId });
      profile.writeOffAbsolute = absolute.toFixed();
      profile.writeOffPercent = percent.toFixed();
      profile.discountGraceDays = body.discountGraceDays;
      const saved = await manager.save(profile);
      return present(customer, saved);
    });
  }

  private async customer(
    manager: EntityManager,
    principal: Principal,
    customerId: string,
  ): Promise<Customer> {
    const customer = await manager.findOne(Customer, { where: { id: customerId } });
    if (!customer || !canAccessCustomer(accountScopeOf(principal), customerId)) {
      throw ProblemException.notFound('customer', customerId);
    }
    return customer;
  }
}

function present(customer: Customer, profile: CustomerCashProfile | null): CashProfileView {
  return {
    customerId: customer.id,
    writeOffAbsolute: presentMoney(profile?.writeOffAbsolute ?? '0', customer.currency),
    writeOffPercent: new Decimal(profile?.writeOffPercent ?? '0').toString(),
    discountGraceDays: profile?.discountGraceDays ?? 0,
    version: profile?.version ?? 0,
    updatedAt: profile ? profile.updatedAt.toISOString() : null,
  };
}
