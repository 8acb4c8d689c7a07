import { randomBytes } from 'node:crypto';

let sequence = 0;

/** A valid createCustomer body; each call gets its own customer number. */
export function customerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const suffix = `${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
  return {
    customerNumber: `T-${suffix}`,
    name: `Acme Machining ${suffix}`,
    currency: 'USD',
    creditLimit: { amount: '50000.00', currency: 'USD' },
    paymentTerms: '2/10 NET30',
    accountManager: 'pat.lee@example.com',
    riskTier: 'medium',
    billTo: { line1: '1 Main St', city: 'Reno', region: 'NV', postalCode: '89501', country: 'US' },
    shipTos: [
      {
        code: 'MAIN',
        name: 'Main plant',
        address: {
          line1: '2 Dock Rd',
          city: 'Reno',
          region: 'NV',
          postalCode: '89502',
          country: 'US',
        },
        region: 'US-WEST',
      },
    ],
    orderPolicy: { allowBackorders: true, priceTolerancePercent: '2.5' },
    ...overrides,
  };
}
