import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { customer, decide, invoice, line, payment } from './cash-application.fixtures';
import { checkedPolicy, DEFAULT_CASH_APPLICATION_POLICY } from './cash-application.policy';

const invalid = (field: string, code = DomainErrorCode.CASH_INVALID_INPUT) => ({ code, field });

describe('decideCashApplication input checks', () => {
  it.each([
    ['a zero payment', () => decide(payment('0.00'), []), invalid('payment.amount')],
    ['a negative payment', () => decide(payment('-5.00'), []), invalid('payment.amount')],
    [
      'more decimals than the currency has',
      () => decide(payment('10.005'), []),
      invalid('payment.amount', DomainErrorCode.MONEY_TOO_MANY_DECIMALS),
    ],
    [
      'yen with decimals',
      () => decide(payment('10.5', [], { currency: 'JPY' }), []),
      invalid('payment.amount', DomainErrorCode.MONEY_TOO_MANY_DECIMALS),
    ],
    [
      'an unknown currency',
      () => decide(payment('10.00', [], { currency: 'XXX' as 'USD' }), []),
      invalid('payment.currency', DomainErrorCode.MONEY_UNKNOWN_CURRENCY),
    ],
    [
      'an invalid value date',
      () => decide(payment('10.00', [], { valueDate: '2026-02-30' }), []),
      invalid('payment.valueDate', DomainErrorCode.DATE_INVALID),
    ],
    [
      'an empty payment id',
      () => decide(payment('10.00', [], { paymentId: ' ' }), []),
      invalid('payment.paymentId'),
    ],
    [
      'a duplicate line number',
      () => decide(payment('10.00', [line(1, 'A1', '5.00'), line(1, 'A2', '5.00')]), []),
      invalid('payment.lines[1].lineNumber'),
    ],
    [
      'a line number below 1',
      () => decide(payment('10.00', [line(0, 'A1', '5.00')]), []),
      invalid('payment.lines[0].lineNumber'),
    ],
    [
      'a negative discount taken',
      () => decide(payment('10.00', [line(1, 'A1', '5.00', { discountTaken: '-1.00' })]), []),
      invalid('payment.lines[0].discountTaken'),
    ],
    [
      'a line amount with too many decimals',
      () => decide(payment('10.00', [line(1, 'A1', '5.001')]), []),
      invalid('payment.lines[0].amountPaid', DomainErrorCode.MONEY_TOO_MANY_DECIMALS),
    ],
    [
      'an invoice of another customer',
      () => decide(payment('10.00'), [{ ...invoice(1, '10.00'), customerId: 'C-999' }]),
      invalid('openInvoices[0].customerId'),
    ],
    [
      'the same invoice twice',
      () => decide(payment('10.00'), [invoice(1, '10.00'), invoice(1, '10.00')]),
      invalid('openInvoices[1].invoiceId'),
    ],
    [
      'a negative open balance',
      () => decide(payment('10.00'), [invoice(1, '-1.00', { total: '10.00' })]),
      invalid('openInvoices[0].openBalance'),
    ],
    [
      'an open balance above the total',
      () => decide(payment('10.00'), [invoice(1, '11.00', { total: '10.00' })]),
      invalid('openInvoices[0].openBalance'),
    ],
    [
      'unknown payment terms',
      () => decide(payment('10.00'), [invoice(1, '10.00', { paymentTerms: 'NET 3 0' })]),
      invalid('openInvoices[0].paymentTerms', DomainErrorCode.TERMS_INVALID),
    ],
    [
      'a tolerance above 100 %',
      () =>
        decide(
          payment('10.00'),
          [],
          customer({ writeOffTolerance: { absolute: new Decimal(1), percent: new Decimal(101) } }),
        ),
      invalid('customer.writeOffTolerance.percent'),
    ],
    [
      'a negative absolute tolerance',
      () =>
        decide(
          payment('10.00'),
          [],
          customer({ writeOffTolerance: { absolute: new Decimal(-1), percent: new Decimal(1) } }),
        ),
      invalid('customer.writeOffTolerance.absolute'),
    ],
    [
      'grace days beyond 60',
      () => decide(payment('10.00'), [], customer({ discountGraceDays: 61 })),
      invalid('customer.discountGraceDays'),
    ],
  ])('rejects %s', (_name, action, expected) => {
    expect(captureDomainError(action)).toMatchObject(expected);
  });

  it('accepts a yen payment in whole units and a zero-balance invoice', () => {
    const result = decide(payment('1000', [], { currency: 'JPY' }), [
      invoice(1, '1000', { currency: 'JPY' }),
      invoice(2, '0', { currency: 'JPY', total: '500' }),
    ]);
    expect(result.outcome).toBe('applied');
  });
});

describe('checkedPolicy', () => {
  it('fills the defaults', () => {
    expect(checkedPolicy(undefined)).toEqual(DEFAULT_CASH_APPLICATION_POLICY);
    expect(checkedPolicy({ maxSuggestions: 3 }).maxSuggestions).toBe(3);
  });

  it.each([
    [{ autoApplyThreshold: 0 }, 'policy.autoApplyThreshold'],
    [{ autoApplyThreshold: 1.01 }, 'policy.autoApplyThreshold'],
    [{ autoApplyThreshold: Number.NaN }, 'policy.autoApplyThreshold'],
    [{ maxCombinationSize: 0 }, 'policy.maxCombinationSize'],
    [{ maxCombinationSize: 13 }, 'policy.maxCombinationSize'],
    [{ maxCombinationSize: 2.5 }, 'policy.maxCombinationSize'],
    [{ combinationNodeBudget: 0 }, 'policy.combinationNodeBudget'],
    [{ combinationNodeBudget: 5_000_001 }, 'policy.combinationNodeBudget'],
    [{ maxSuggestions: 0 }, 'policy.maxSuggestions'],
  ])('rejects %p naming %s', (policy, field) => {
    expect(captureDomainError(() => checkedPolicy(policy))).toMatchObject(invalid(field));
  });
});
