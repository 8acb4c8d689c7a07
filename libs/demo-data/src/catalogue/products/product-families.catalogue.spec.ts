import { SALES_REGIONS, WAREHOUSE_SITES } from '../sales-regions.catalogue';
import { PRODUCT_FAMILIES, ProductCatalogue } from './product-families.catalogue';
import { familySize, PRODUCT_GROUPS } from './product-family.model';

describe('product catalogue', () => {
  const catalogue = new ProductCatalogue();

  it('holds more SKU combinations than the 100,000-item load asks for', () => {
    expect(catalogue.size).toBeGreaterThan(105_000);
  });

  it('covers every product group', () => {
    expect(new Set(PRODUCT_FAMILIES.map((family) => family.group))).toEqual(
      new Set(PRODUCT_GROUPS),
    );
  });

  it.each(PRODUCT_FAMILIES.map((family) => [family.key, family] as const))(
    '%s is well formed',
    (_, family) => {
      const placeholders = (template: string) =>
        new Set([...template.matchAll(/\{(\d)\}/g)].map((match) => Number(match[1])));
      const every = new Set(family.dimensions.map((_, index) => index));
      expect(placeholders(family.sku)).toEqual(every);
      expect(placeholders(family.description)).toEqual(every);
      expect(family.baseCostCents).toBeGreaterThan(0);
      expect(family.markupPercent[0]).toBeGreaterThan(0);
      expect(family.markupPercent[0]).toBeLessThanOrEqual(family.markupPercent[1]);
      family.interchangeable.forEach((d) => expect(d).toBeLessThan(family.dimensions.length));
      for (const options of family.dimensions) {
        // Distinct segments per dimension are what make every combination a distinct SKU.
        expect(new Set(options.map((option) => option.sku)).size).toBe(options.length);
        options.forEach((option) => {
          expect(option.sku).toMatch(/^(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)?$/);
          expect(option.cost).toBeGreaterThan(0);
        });
      }
    },
  );

  it('decodes every index to a valid combination', () => {
    const first = catalogue.entry(0);
    expect(first.family).toBe(PRODUCT_FAMILIES[0]);
    expect(first.options.every((option) => option === 0)).toBe(true);
    const last = catalogue.entry(catalogue.size - 1);
    const lastFamily = PRODUCT_FAMILIES[PRODUCT_FAMILIES.length - 1];
    expect(last.family).toBe(lastFamily);
    last.options.forEach((option, d) => expect(option).toBe(lastFamily.dimensions[d].length - 1));
    expect(PRODUCT_FAMILIES.reduce((sum, family) => sum + familySize(family), 0)).toBe(
      catalogue.size,
    );
    expect(() => catalogue.entry(catalogue.size)).toThrow(RangeError);
  });
});

describe('sales regions', () => {
  it('are each served by at least one warehouse', () => {
    const served = new Set(WAREHOUSE_SITES.flatMap((site) => site.regionsServed));
    SALES_REGIONS.forEach((region) => expect(served.has(region)).toBe(true));
  });

  it('put each warehouse in a region it serves', () => {
    WAREHOUSE_SITES.forEach((site) => expect(site.regionsServed).toContain(site.place.region));
  });
});
