import type { IntakePayment } from '../intake/payment-intake.repository';
import { slicesOf } from './remittance-file.recorder';

/** A payment of `customerId` (null: payer not identified) named `id`. */
function payment(id: string, customerId: string | null): IntakePayment {
  return { id, customerId } as unknown as IntakePayment;
}

const ids = (slices: IntakePayment[][]) => slices.map((slice) => slice.map((p) => p.id));

describe('slicesOf', () => {
  it('keeps a customer’s payments in one slice, customers in the order the file names them', () => {
    const payments = [
      payment('a1', 'A'),
      payment('b1', 'B'),
      payment('a2', 'A'),
      payment('c1', 'C'),
      payment('b2', 'B'),
    ];
    expect(ids(slicesOf(payments, 2))).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1']]);
    expect(ids(slicesOf(payments, 4))).toEqual([['a1', 'a2', 'b1', 'b2'], ['c1']]);
    expect(ids(slicesOf(payments, 100))).toEqual([['a1', 'a2', 'b1', 'b2', 'c1']]);
  });

  it('gives a customer with more payments than a slice holds a slice of its own', () => {
    const payments = [
      payment('b1', 'B'),
      payment('a1', 'A'),
      payment('a2', 'A'),
      payment('a3', 'A'),
      payment('c1', 'C'),
    ];
    expect(ids(slicesOf(payments, 2))).toEqual([['b1'], ['a1', 'a2', 'a3'], ['c1']]);
  });

  it('puts unidentified payers together after the customers, packed like a customer', () => {
    const payments = [
      payment('u1', null),
      payment('a1', 'A'),
      payment('u2', null),
      payment('b1', 'B'),
    ];
    expect(ids(slicesOf(payments, 1))).toEqual([['a1'], ['b1'], ['u1', 'u2']]);
    expect(ids(slicesOf(payments, 4))).toEqual([['a1', 'b1', 'u1', 'u2']]);
  });

  it('has no slice for no payments', () => {
    expect(slicesOf([], 3)).toEqual([]);
  });
});
