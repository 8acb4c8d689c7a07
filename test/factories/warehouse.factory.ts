import { randomBytes } from 'node:crypto';

let sequence = 0;

/** A unique warehouse code (each suite run gets its own). */
export function uniqueWarehouseCode(prefix = 'WH'): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

/** A valid createWarehouse body. */
export function warehouseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: uniqueWarehouseCode(),
    name: 'Reno distribution center',
    address: {
      line1: '400 Logistics Pkwy',
      city: 'Reno',
      region: 'NV',
      postalCode: '89502',
      country: 'US',
    },
    regionsServed: ['US-WEST'],
    ...overrides,
  };
}
