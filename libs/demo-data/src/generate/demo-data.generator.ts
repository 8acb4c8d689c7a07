import { parseCalendarDate } from '@o2c/domain';
import type { DemoDataOptions, DemoDataSet } from '../model/demo-data.types';
import { generateCustomerItemReferences } from './customer-item-references.generator';
import { generateCustomers } from './customers.generator';
import { generateInventory } from './inventory.generator';
import { generateItemSubstitutes } from './item-substitutes.generator';
import { generateItems } from './items.generator';
import { generatePriceAgreements } from './price-agreements.generator';
import { generateWarehouses } from './warehouses.generator';

/** Generous limits that still fit in memory and in one transaction. */
export const MAX_CUSTOMERS = 1_000_000;
export const MAX_ITEMS = 1_000_000;

function assertCount(value: number, name: string, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be a whole number between 0 and ${max}: ${value}`);
  }
}

export function assertValidOptions(options: DemoDataOptions): void {
  assertCount(options.customers, 'customers', MAX_CUSTOMERS);
  assertCount(options.items, 'items', MAX_ITEMS);
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`seed must be a safe integer: ${options.seed}`);
  }
  parseCalendarDate(options.asOf, 'asOf');
}

/**
 * The whole demo data set, in memory, without touching a database. Pure: the same options
 * give the same rows (ids included), and each table draws from its own random stream, so
 * the first N customers do not change when more items are asked for, and vice versa.
 */
export function generateDemoData(options: DemoDataOptions): DemoDataSet {
  assertValidOptions(options);
  const { seed } = options;
  const warehouses = generateWarehouses(seed);
  const customers = generateCustomers(options.customers, seed);
  const items = generateItems(options.items, seed);
  const agreements = generatePriceAgreements(
    customers.profiles,
    items.profiles,
    seed,
    options.asOf,
  );
  return {
    warehouses,
    customers: customers.customers,
    customerShipTos: customers.shipTos,
    items: items.items,
    itemUomConversions: items.conversions,
    itemSubstitutes: generateItemSubstitutes(items.profiles, seed),
    customerItemReferences: generateCustomerItemReferences(
      customers.profiles,
      items.profiles,
      agreements.contractItems,
      seed,
    ),
    priceAgreements: agreements.agreements,
    priceAgreementBreaks: agreements.breaks,
    inventoryBalances: generateInventory(items.profiles, warehouses, seed),
  };
}
