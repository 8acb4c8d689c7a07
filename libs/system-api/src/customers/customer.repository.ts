import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, canAccessCustomer, restrictToAccountScope } from '@o2c/governance';
import { decodeCursor } from '@o2c/http';
import { Customer, CustomerShipTo } from '@o2c/persistence';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ListCustomersQuery } from './customer.contract';

export interface CustomerWithShipTos {
  customer: Customer;
  shipTos: CustomerShipTo[];
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Keyset page ordered by customer number, inside the principal's accounts; fetches one
   *  extra row to know if more follow. */
  async findPage(scope: AccountScope, query: ListCustomersQuery): Promise<CustomerWithShipTos[]> {
    const after = decodeCursor(query.cursor, ['text']);
    const builder = this.dataSource
      .getRepository(Customer)
      .createQueryBuilder('customer')
      .orderBy('customer.customerNumber', 'ASC')
      .limit(query.limit + 1);
    if (query.status) builder.andWhere('customer.status = :status', { status: query.status });
    if (query.riskTier)
      builder.andWhere('customer.riskTier = :riskTier', { riskTier: query.riskTier });
    if (query.q) {
      builder.andWhere('(customer.customerNumber ILIKE :prefix OR customer.name ILIKE :prefix)', {
        prefix: likePrefix(query.q),
      });
    }
    if (after) builder.andWhere('customer.customerNumber > :after', { after: after[0] });
    restrictToAccountScope(builder, 'customer.id', scope);
    const customers = await builder.getMany();
    return this.withShipTos(this.dataSource.manager, customers);
  }

  /** A customer is its own account: one outside the scope is not looked up at all. */
  async findById(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CustomerWithShipTos | undefined> {
    if (!canAccessCustomer(scope, id)) return undefined;
    const customer = await manager.findOne(Customer, { where: { id } });
    if (!customer) return undefined;
    const [found] = await this.withShipTos(manager, [customer]);
    return found;
  }

  /** Locks the row for the rest of the transaction (updates serialize per customer). */
  lockById(manager: EntityManager, scope: AccountScope, id: string): Promise<Customer | null> {
    if (!canAccessCustomer(scope, id)) return Promise.resolve(null);
    return manager.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async withShipTos(
    manager: EntityManager,
    customers: Customer[],
  ): Promise<CustomerWithShipTos[]> {
    if (customers.length === 0) return [];
    const shipTos = await manager.find(CustomerShipTo, {
      where: { customerId: In(customers.map((customer) => customer.id)) },
    });
    return customers.map((customer) => ({
      customer,
      shipTos: shipTos.filter((shipTo) => shipTo.customerId === customer.id),
    }));
  }
}
