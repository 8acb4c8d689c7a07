import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { customer, decide, invoice, line, payment } from './cash-application.fixtures';
import type { CashApplicationResult, OpenInvoice } from './cash-application.types';

const cents = (max: number) => fc.integer({ min: 0, max }).map((value) => (value / 100).toFixed(2));

const ledgerArbitrary = fc
  .array(
    fc.record({
      balance: cents(300_000),
      extra: cents(50_000),
      terms: fc.constantFrom('NET30', '2/10 NET30', '1/15 NET45', 'EOM', 'COD'),
      issued: fc.integer({ min: 1, max: 28 }),
    }),
    { minLength: 0, maxLength: 14 },
  )
  .map((rows) =>
    rows.map((row, index) =>
      invoice(1000 + index, row.balance, {
        total: new Decimal(row.balance).plus(row.extra).toFixed(2),
        paymentTerms: row.terms,
        issueDate: `2026-02-${String(row.issued).padStart(2, '0')}`,
      }),
    ),
  );

function scenario() {
  return ledgerArbitrary.chain((invoices) =>
    fc.record({
      invoices: fc.constant(invoices),
      amount: cents(600_000).filter((amount) => amount !== '0.00'),
      lines: fc.array(
        fc.record({
          reference: fc.oneof(
            fc.constant(null),
            fc.constantFrom(...invoices.map((row) => row.invoiceNumber), 'INV-00009999', 'PO 55'),
            fc.integer({ min: 1000, max: 1020 }).map((n) => `inv ${n}`),
            fc
              .integer({ min: 1000, max: 1020 })
              .map((n) => `0000${String(n).split('').reverse().join('')}`),
          ),
          amount: fc.oneof(
            fc.constant(null),
            cents(300_000),
            cents(5_000).map((a) => `-${a}`),
          ),
          discount: fc.oneof(fc.constant(undefined), cents(3_000)),
          adjustment: fc.oneof(fc.constant(undefined), cents(10_000)),
          code: fc.constantFrom(undefined, '01', '04', 'DMG', 'XX'),
        }),
        { maxLength: 6 },
      ),
      freeText: fc.array(fc.constantFrom('INV 1001 1002', 'thanks', 'REF 0000I003', '1004/1005'), {
        maxLength: 2,
      }),
      valueDate: fc.constantFrom('2026-02-20', '2026-03-05', '2026-04-30'),
      tolerance: fc.record({
        absolute: cents(5_000),
        percent: fc.constantFrom('0', '0.5', '1', '5'),
      }),
    }),
  );
}

function checkInvariants(
  result: CashApplicationResult,
  invoices: readonly OpenInvoice[],
  paid: string,
) {
  const { totals } = result;
  expect(totals.payment.toFixed(2)).toBe(new Decimal(paid).toFixed(2));
  expect(totals.applied.plus(totals.onAccount).plus(totals.inReview).toFixed(2)).toBe(
    totals.payment.toFixed(2),
  );
  const byId = new Map(invoices.map((row) => [row.invoiceId, row]));
  const settled = new Map<string, Decimal>();
  for (const decision of result.decisions) {
    expect(decision.confidence).toBeGreaterThanOrEqual(0);
    expect(decision.confidence).toBeLessThanOrEqual(1);
    expect(decision.reasons.length).toBeGreaterThan(0);
    expect(decision.amount.isNegative()).toBe(false);
    if (decision.kind === 'review' || decision.kind === 'on-account') continue;
    const target = byId.get(decision.invoiceId);
    expect(target).toBeDefined();
    const before = settled.get(decision.invoiceId) ?? new Decimal(0);
    if (decision.kind === 'apply') {
      expect(decision.confidence).toBeGreaterThanOrEqual(0.9);
      expect(decision.discount.isNegative() || decision.writeOff.isNegative()).toBe(false);
      const amount = decision.amount.plus(decision.discount).plus(decision.writeOff);
      expect(decision.openBalanceAfter.toFixed(2)).toBe(
        decision.openBalanceBefore.minus(amount).toFixed(2),
      );
      settled.set(decision.invoiceId, before.plus(amount));
    } else {
      settled.set(decision.invoiceId, before.plus(decision.amount));
    }
  }
  for (const [invoiceId, amount] of settled) {
    // Never more than the invoice's open balance, deductions included.
    expect(amount.lessThanOrEqualTo(byId.get(invoiceId)?.openBalance ?? new Decimal(0))).toBe(true);
  }
}

describe('decideCashApplication: invariants over random payments and ledgers', () => {
  it('never places more than the payment nor settles more than an open balance', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const lines = s.lines.map((row, index) =>
          line(index + 1, row.reference, row.amount, {
            discountTaken: row.discount,
            adjustmentAmount: row.adjustment,
            adjustmentReasonCode: row.code,
          }),
        );
        const pay = payment(s.amount, lines, { freeText: s.freeText, valueDate: s.valueDate });
        const profile = customer({
          writeOffTolerance: {
            absolute: new Decimal(s.tolerance.absolute),
            percent: new Decimal(s.tolerance.percent),
          },
        });
        checkInvariants(decide(pay, s.invoices, profile), s.invoices, s.amount);
        checkInvariants(decide(pay, s.invoices, null), s.invoices, s.amount);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same input gives the same decisions', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const pay = payment(s.amount, [], { freeText: s.freeText });
        const first = decide(pay, s.invoices);
        const second = decide(pay, [...s.invoices].reverse());
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 100 },
    );
  });
});
