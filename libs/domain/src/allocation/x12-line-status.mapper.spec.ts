import { ALLOCATION_LINE_STATUSES } from './allocation.types';
import { x12LineStatusCode } from './x12-line-status.mapper';

describe('x12LineStatusCode', () => {
  it.each([
    ['accepted', 'IA'],
    ['changed', 'IC'],
    ['backordered', 'IB'],
    ['substituted', 'IS'],
    ['rejected', 'IR'],
  ] as const)('maps %s to %s', (status, code) => {
    expect(x12LineStatusCode(status)).toBe(code);
  });

  it('gives every status its own code', () => {
    const codes = ALLOCATION_LINE_STATUSES.map(x12LineStatusCode);
    expect(new Set(codes).size).toBe(ALLOCATION_LINE_STATUSES.length);
  });
});
