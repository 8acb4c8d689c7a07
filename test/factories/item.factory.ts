import { randomBytes } from 'node:crypto';

let sequence = 0;

/** A unique SKU (each suite run gets its own), optionally under a prefix for list filters. */
export function uniqueSku(prefix = 'SKU'): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

/** A valid createItem body: a countable item sold by the each and by the case of 12. */
export function itemBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sku: uniqueSku(),
    description: 'Hex bolt M8 x 40, zinc plated',
    baseUom: 'EA',
    currency: 'USD',
    standardCost: { amount: '0.42', currency: 'USD' },
    listPrice: { amount: '0.95', currency: 'USD' },
    productGroup: 'FASTENERS',
    sellable: true,
    conversions: [
      { uom: 'BX', toBase: '100' },
      { uom: 'CS', toBase: '12' },
    ],
    ...overrides,
  };
}
