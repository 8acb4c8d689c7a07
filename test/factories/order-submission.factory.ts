import { randomBytes } from 'node:crypto';

let sequence = 0;

/** A PO number no other order of the run uses. */
export function uniquePoNumber(prefix = 'PO'): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

/** A valid submitOrder body for the customer's MAIN ship-to (region US-WEST). */
export function orderBody(
  customerId: string,
  lines: Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    customerId,
    channel: 'portal',
    externalPoNumber: uniquePoNumber(),
    shipToCode: 'MAIN',
    requestedDate: '2026-12-15',
    lines,
    ...overrides,
  };
}
