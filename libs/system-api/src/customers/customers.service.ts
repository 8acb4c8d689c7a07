import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { expectedVersion, type Page, ProblemException, staleVersion, toPage } from '@o2c/http';
import { Customer, CustomerShipTo } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type {
  CreateCustomerBody,
  ListCustomersQuery,
  ShipToBody,
  UpdateCustomerBody,
} from './customer.contract';
import {
  applyCustomerFields,
  assertDistinctShipToCodes,
  customerCurrency,
} from './customer-fields.mapper';
import { type CustomerView, presentCustomer } from './customer.presenter';
import { CustomerRepository } from './customer.repository';

/**
 * Customer master data: reads, creation and conditional updates, one transaction each. Reads
 * and changes stay inside the caller's accounts: another account's customer is "not found".
 */
@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomerRepository) {}

  async list(scope: AccountScope, query: ListCustomersQuery): Promise<Page<CustomerView>> {
    const rows = await this.customers.findPage(scope, query);
    return toPage(
      rows,
      query.limit,
      (row) => [row.customer.customerNumber],
      (row) => presentCustomer(row.customer, row.shipTos),
    );
  }

  async get(scope: AccountScope, id: string): Promise<CustomerView> {
    const found = await this.customers.findById(scope, id);
    if (!found) throw ProblemException.notFound('customer', id);
    return presentCustomer(found.customer, found.shipTos);
  }

  /** A new account belongs to no one's scope yet: customers:write alone decides who opens one. */
  create(body: CreateCustomerBody): Promise<CustomerView> {
    const currency = customerCurrency(body.currency);
    assertDistinctShipToCodes(body.shipTos);
    return this.customers.transaction(async (manager) => {
      const customer = manager.create(Customer, { customerNumber: body.customerNumber, currency });
      applyCustomerFields(customer, body, currency);
      const saved = await manager.save(customer);
      const shipTos = await manager.save(
        body.shipTos.map((shipTo) => newShipTo(manager, saved.id, shipTo)),
      );
      return presentCustomer(saved, shipTos);
    });
  }

  update(
    scope: AccountScope,
    id: string,
    ifMatch: string | undefined,
    body: UpdateCustomerBody,
  ): Promise<CustomerView> {
    const expected = expectedVersion(ifMatch);
    return this.customers.transaction(async (manager) => {
      const customer = await this.customers.lockById(manager, scope, id);
      if (!customer) throw ProblemException.notFound('customer', id);
      if (customer.version !== expected) throw staleVersion('customer', id, customer.version);
      applyCustomerFields(customer, body, customer.currency);
      if (body.status !== undefined) customer.status = body.status;
      await manager.save(customer);
      return this.present(manager, id);
    });
  }

  /** Adding a ship-to changes the customer document, so its version moves too. */
  addShipTo(scope: AccountScope, id: string, body: ShipToBody): Promise<CustomerView> {
    return this.customers.transaction(async (manager) => {
      const customer = await this.customers.lockById(manager, scope, id);
      if (!customer) throw ProblemException.notFound('customer', id);
      await manager.save(newShipTo(manager, id, body));
      customer.updatedAt = new Date();
      await manager.save(customer);
      return this.present(manager, id);
    });
  }

  /** Inside a transaction that has already checked the scope. */
  private async present(manager: EntityManager, id: string): Promise<CustomerView> {
    const found = await this.customers.findById('all', id, manager);
    if (!found) throw ProblemException.notFound('customer', id);
    return presentCustomer(found.customer, found.shipTos);
  }
}

function newShipTo(manager: EntityManager, customerId: string, body: ShipToBody): CustomerShipTo {
  return manager.create(CustomerShipTo, {
    customerId,
    code: body.code,
    name: body.name,
    address: body.address,
    region: body.region,
    active: true,
  });
}
