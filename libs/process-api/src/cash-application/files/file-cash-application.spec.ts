import { batchesOf, PAYMENTS_PER_BATCH } from './file-cash-application';

describe('batchesOf', () => {
  it("keeps a customer's payments in one batch, unknown payers together, in file order", () => {
    const payments = [
      { id: 'p1', customerId: 'c1' },
      { id: 'p2', customerId: null },
      { id: 'p3', customerId: 'c2' },
      { id: 'p4', customerId: 'c1' },
      { id: 'p5', customerId: null },
    ];
    expect(batchesOf(payments)).toEqual([['p1', 'p4', 'p2', 'p5', 'p3']]);
  });

  it('starts a new batch before one would grow past the limit, never splitting a customer', () => {
    const many = Array.from({ length: PAYMENTS_PER_BATCH }, (_, index) => ({
      id: `a${index}`,
      customerId: `c${index}`,
    }));
    const same = [
      { id: 'x1', customerId: 'big' },
      { id: 'x2', customerId: 'big' },
    ];
    const batches = batchesOf([...many, ...same]);
    expect(batches.map((batch) => batch.length)).toEqual([PAYMENTS_PER_BATCH, 2]);
    expect(batches[1]).toEqual(['x1', 'x2']);
  });
});
