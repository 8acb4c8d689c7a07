import { assertValidItemUnits, Decimal, parsePaymentTerms } from '@o2c/domain';
import { SALES_REGIONS } from '../catalogue/sales-regions.catalogue';
import type { DemoDataSet } from '../model/demo-data.types';
import { generateDemoData } from './demo-data.generator';
import { MAX_PRICE_AGREEMENTS } from './price-agreements.generator';

const AS_OF = '2026-03-15';
const DECIMAL_STRING = /^\d+(\.\d+)?$/;
const d = (text: string) => new Decimal(text);

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

describe('demo data invariants', () => {
  let data: DemoDataSet;

  beforeAll(() => {
    data = generateDemoData({ customers: 400, items: 4_000, seed: 7, asOf: AS_OF });
  });

  it('has unique ids in every table and unique natural keys', () => {
    for (const rows of Object.values(data) as { id: string }[][]) {
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    }
    expect(new Set(data.items.map((item) => item.sku)).size).toBe(data.items.length);
    expect(new Set(data.customers.map((c) => c.customerNumber)).size).toBe(data.customers.length);
    expect(new Set(data.customers.map((c) => c.name)).size).toBe(data.customers.length);
    expect(new Set(data.warehouses.map((w) => w.code)).size).toBe(3);
  });

  it('references only rows of the same set', () => {
    const customers = new Set(data.customers.map((c) => c.id));
    const items = new Set(data.items.map((item) => item.id));
    const warehouses = new Set(data.warehouses.map((w) => w.id));
    const agreements = new Set(data.priceAgreements.map((a) => a.id));
    data.customerShipTos.forEach((s) => expect(customers.has(s.customerId)).toBe(true));
    data.itemUomConversions.forEach((c) => expect(items.has(c.itemId)).toBe(true));
    data.itemSubstitutes.forEach((s) => {
      expect(items.has(s.itemId) && items.has(s.substituteItemId)).toBe(true);
    });
    data.customerItemReferences.forEach((r) => {
      expect(customers.has(r.customerId) && items.has(r.itemId)).toBe(true);
    });
    data.priceAgreements.forEach((a) => {
      expect(customers.has(a.customerId) && items.has(a.itemId)).toBe(true);
    });
    data.priceAgreementBreaks.forEach((b) => expect(agreements.has(b.agreementId)).toBe(true));
    data.inventoryBalances.forEach((b) => {
      expect(warehouses.has(b.warehouseId) && items.has(b.itemId)).toBe(true);
    });
  });

  it('prices items at or above standard cost, as decimal strings', () => {
    for (const item of data.items) {
      expect(item.standardCost).toMatch(DECIMAL_STRING);
      expect(item.listPrice).toMatch(DECIMAL_STRING);
      expect(d(item.standardCost).gt(0)).toBe(true);
      expect(d(item.listPrice).gte(d(item.standardCost))).toBe(true);
    }
  });

  it('keeps contract prices at or below list, with valid dates and falling breaks', () => {
    const items = new Map(data.items.map((item) => [item.id, item]));
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    const breaks = groupBy(data.priceAgreementBreaks, (b) => b.agreementId);
    for (const agreement of data.priceAgreements) {
      const item = items.get(agreement.itemId);
      expect(item?.sellable).toBe(true);
      expect(agreement.currency).toBe(customers.get(agreement.customerId)?.currency);
      if (agreement.currency === item?.currency) {
        expect(d(agreement.contractPrice).lte(d(item.listPrice))).toBe(true);
      }
      if (agreement.validTo !== null) expect(agreement.validTo >= agreement.validFrom).toBe(true);
      let previous = d(agreement.contractPrice);
      const tiers = (breaks.get(agreement.id) ?? []).map((b) => [d(b.minQuantity), d(b.unitPrice)]);
      tiers.forEach(([quantity, price], index) => {
        expect(quantity.gt(0)).toBe(true);
        if (index > 0) expect(quantity.gt(tiers[index - 1][0])).toBe(true);
        expect(price.lte(previous)).toBe(true);
        previous = price;
      });
    }
  });

  it('has one agreement per customer and item, about 20 per customer, within the caps', () => {
    const pairs = new Set(data.priceAgreements.map((a) => `${a.customerId}/${a.itemId}`));
    expect(pairs.size).toBe(data.priceAgreements.length);
    const average = data.priceAgreements.length / data.customers.length;
    expect(average).toBeGreaterThan(14);
    expect(average).toBeLessThan(26);
    expect(data.priceAgreements.length).toBeLessThanOrEqual(MAX_PRICE_AGREEMENTS);
    const kinds = data.priceAgreements.map((a) =>
      a.validTo === null
        ? 'open'
        : a.validTo < AS_OF
          ? 'expired'
          : a.validFrom > AS_OF
            ? 'future'
            : 'current',
    );
    expect(new Set(kinds)).toEqual(new Set(['open', 'expired', 'future', 'current']));
  });

  it('never allocates more than is on hand, and stocks each item in 1-3 warehouses', () => {
    for (const balance of data.inventoryBalances) {
      expect(d(balance.allocated).gte(0)).toBe(true);
      expect(d(balance.allocated).lte(d(balance.onHand))).toBe(true);
    }
    const perItem = groupBy(data.inventoryBalances, (b) => b.itemId);
    expect(perItem.size).toBe(data.items.length);
    for (const balances of perItem.values()) {
      expect(balances.length).toBeGreaterThanOrEqual(1);
      expect(balances.length).toBeLessThanOrEqual(3);
      expect(new Set(balances.map((b) => b.warehouseId)).size).toBe(balances.length);
    }
    const outOfStock = [...perItem.values()].filter((rows) =>
      rows.every((b) => d(b.onHand).isZero()),
    );
    expect(outOfStock.length).toBeGreaterThan(0);
    expect(data.inventoryBalances.some((b) => d(b.allocated).gt(0))).toBe(true);
  });

  it('serves every region a ship-to can have', () => {
    const served = new Set(data.warehouses.flatMap((w) => w.regionsServed));
    SALES_REGIONS.forEach((region) => expect(served.has(region)).toBe(true));
    data.customerShipTos.forEach((shipTo) => expect(served.has(shipTo.region)).toBe(true));
  });

  it('gives every customer 1-4 ship-tos with unique codes', () => {
    const perCustomer = groupBy(data.customerShipTos, (s) => s.customerId);
    expect(perCustomer.size).toBe(data.customers.length);
    for (const shipTos of perCustomer.values()) {
      expect(shipTos.length).toBeGreaterThanOrEqual(1);
      expect(shipTos.length).toBeLessThanOrEqual(4);
      expect(new Set(shipTos.map((s) => s.code)).size).toBe(shipTos.length);
      expect(shipTos[0].active).toBe(true);
    }
  });

  it('uses payment terms the domain parses and credit limits in the agreed spread', () => {
    const limits = data.customers.map((c) => d(c.creditLimit));
    data.customers.forEach((customer) =>
      expect(() => parsePaymentTerms(customer.paymentTerms)).not.toThrow(),
    );
    limits.forEach((limit) => {
      expect(limit.gte(5_000)).toBe(true);
      expect(limit.lte(2_000_000)).toBe(true);
    });
    const middle = limits.filter((limit) => limit.gte(25_000) && limit.lte(250_000)).length;
    expect(middle / limits.length).toBeGreaterThan(0.6);
  });

  it('mixes statuses, currencies and risk tiers', () => {
    const statuses = new Set(data.customers.map((c) => c.status));
    expect(statuses).toEqual(new Set(['active', 'credit_hold', 'blocked']));
    const usd = data.customers.filter((c) => c.currency === 'USD').length;
    expect(usd / data.customers.length).toBeGreaterThan(0.9);
    expect(new Set(data.customers.map((c) => c.riskTier)).size).toBe(4);
  });

  it('has customers of every shortage policy, most of them backordering', () => {
    const policies = groupBy(data.customers, (c) => c.shortagePolicy);
    expect(new Set(policies.keys())).toEqual(new Set(['backorder', 'cancel', 'review']));
    expect(policies.get('cancel')?.length).toBeGreaterThanOrEqual(10);
    expect(policies.get('review')?.length).toBeGreaterThanOrEqual(10);
    expect((policies.get('backorder')?.length ?? 0) / data.customers.length).toBeGreaterThan(0.7);
  });

  it('gives every item valid units of measure', () => {
    const conversions = groupBy(data.itemUomConversions, (c) => c.itemId);
    for (const item of data.items) {
      const units = (conversions.get(item.id) ?? []).map(({ uom, toBase }) => ({ uom, toBase }));
      expect(() =>
        assertValidItemUnits({ baseUom: item.baseUom, conversions: units }),
      ).not.toThrow();
    }
    expect(new Set(data.items.map((item) => item.baseUom))).toEqual(
      new Set(['EA', 'FT', 'M', 'KG', 'PR']),
    );
  });

  it('has a few non-sellable items and substitutes that never point at themselves', () => {
    const nonSellable = data.items.filter((item) => !item.sellable).length;
    expect(nonSellable).toBeGreaterThan(0);
    expect(nonSellable / data.items.length).toBeLessThan(0.05);
    expect(data.itemSubstitutes.length).toBeGreaterThan(0);
    const pairs = new Set(data.itemSubstitutes.map((s) => `${s.itemId}/${s.substituteItemId}`));
    expect(pairs.size).toBe(data.itemSubstitutes.length);
    data.itemSubstitutes.forEach((s) => {
      expect(s.substituteItemId).not.toBe(s.itemId);
      expect(s.priority).toBeGreaterThanOrEqual(1);
    });
  });

  it('keeps customer part numbers unique per customer', () => {
    const keys = data.customerItemReferences.map((r) => `${r.customerId}/${r.customerItemNumber}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(0);
  });
});
