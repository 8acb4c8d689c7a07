import type { DemoDataOptions, DemoDataSet } from '../model/demo-data.types';
import { generateDemoData } from './demo-data.generator';

const OPTIONS: DemoDataOptions = { customers: 150, items: 1_500, seed: 42, asOf: '2026-03-15' };

describe('generateDemoData determinism', () => {
  let data: DemoDataSet;

  beforeAll(() => {
    data = generateDemoData(OPTIONS);
  });

  it('gives identical rows, ids included, for the same options', () => {
    const again = generateDemoData(OPTIONS);
    const tables = Object.keys(data) as (keyof DemoDataSet)[];
    for (const table of tables) {
      expect(again[table].slice(0, 50)).toEqual(data[table].slice(0, 50));
      expect(again[table]).toHaveLength(data[table].length);
    }
    expect(again).toEqual(data);
  });

  it('gives different rows for another seed', () => {
    const other = generateDemoData({ ...OPTIONS, seed: 43 });
    expect(other.customers[0].id).not.toBe(data.customers[0].id);
    expect(other.items.slice(0, 20).map((item) => item.sku)).not.toEqual(
      data.items.slice(0, 20).map((item) => item.sku),
    );
  });

  it('keeps the first customers and items when the counts grow', () => {
    const bigger = generateDemoData({ ...OPTIONS, customers: 300, items: 3_000 });
    expect(bigger.customers.slice(0, 150)).toEqual(data.customers);
    expect(bigger.customerShipTos.slice(0, data.customerShipTos.length)).toEqual(
      data.customerShipTos,
    );
    expect(bigger.items.slice(0, 1_500)).toEqual(data.items);
    expect(bigger.itemUomConversions.slice(0, data.itemUomConversions.length)).toEqual(
      data.itemUomConversions,
    );
  });

  it('keeps the customers when only the item count changes', () => {
    const fewerItems = generateDemoData({ ...OPTIONS, items: 200 });
    expect(fewerItems.customers).toEqual(data.customers);
  });

  it('starts customer numbers at C-000001 in order', () => {
    expect(data.customers.slice(0, 3).map((customer) => customer.customerNumber)).toEqual([
      'C-000001',
      'C-000002',
      'C-000003',
    ]);
  });

  it('rejects invalid options', () => {
    expect(() => generateDemoData({ ...OPTIONS, customers: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...OPTIONS, items: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...OPTIONS, asOf: '2026-02-30' })).toThrow();
  });

  it('handles empty sets', () => {
    const empty = generateDemoData({ ...OPTIONS, customers: 0, items: 0 });
    expect(empty.warehouses).toHaveLength(3);
    expect(empty.customers).toHaveLength(0);
    expect(empty.priceAgreements).toHaveLength(0);
    const noItems = generateDemoData({ ...OPTIONS, customers: 5, items: 0 });
    expect(noItems.priceAgreements).toHaveLength(0);
    expect(noItems.customerItemReferences).toHaveLength(0);
  });
});

describe('generateDemoData beyond the catalogue size', () => {
  it('keeps SKUs unique with a revision suffix', () => {
    const data = generateDemoData({ customers: 0, items: 112_000, seed: 1, asOf: '2026-01-01' });
    const skus = new Set(data.items.map((item) => item.sku));
    expect(skus.size).toBe(112_000);
    expect(data.items.some((item) => item.sku.endsWith('-R2'))).toBe(true);
  });
});
