import * as domain from '@o2c/domain';

// The public surface of @o2c/domain changes only on purpose: other libs import nothing else.
describe('@o2c/domain public API', () => {
  it('exports exactly these runtime values', () => {
    expect(Object.keys(domain).sort()).toEqual([
      'CURRENCY_CODES',
      'Decimal',
      'DomainError',
      'DomainErrorCode',
      'UNIT_CODES',
      'addDays',
      'addMoney',
      'allocateMoney',
      'allowsFractions',
      'assertNotNegative',
      'assertQuantityFitsUnit',
      'assertValidItemUnits',
      'compareDates',
      'compareMoney',
      'computeOrderTotals',
      'convertQuantity',
      'describePaymentTerms',
      'discountDeadline',
      'discountTerms',
      'dueDate',
      'earlyPaymentDiscount',
      'endOfMonth',
      'formatAmount',
      'isCalendarDate',
      'isCurrencyCode',
      'isDomainError',
      'isGreaterThan',
      'isLessThan',
      'isNegative',
      'isPositive',
      'isRounded',
      'isUnitCode',
      'isZero',
      'maxMoney',
      'minMoney',
      'minorUnits',
      'moneyEquals',
      'moneyOf',
      'multiplyMoney',
      'negateMoney',
      'parseCalendarDate',
      'parseCurrency',
      'parseDecimalString',
      'parseMoney',
      'parsePaymentTerms',
      'parseQuantity',
      'parseUnitCode',
      'roundMoney',
      'subtractMoney',
      'sumMoney',
      'unitOfMeasure',
      'zeroMoney',
    ]);
  });

  it('works end to end through the index: order, terms and discount', () => {
    const { Decimal } = domain;
    const quantity = domain.convertQuantity(domain.parseQuantity('2', 'CS'), 'CS', 'EA', {
      baseUom: 'EA',
      conversions: [{ uom: 'CS', toBase: '12' }],
    });
    const price = domain.parseMoney('4.25', 'USD', 'unitPrice');
    const totals = domain.computeOrderTotals({
      currency: price.currency,
      lines: [{ quantity, unitPrice: price.amount, taxRate: new Decimal('0.0825') }],
      freight: domain.parseMoney('12.00', 'USD').amount,
    });
    expect(domain.formatAmount(totals.total)).toBe('122.42'); // 102.00 + 8.42 (8.415) + 12.00

    const terms = domain.parsePaymentTerms('2/10NET30');
    expect(domain.dueDate(terms, '2026-12-20')).toBe('2027-01-19');
    const earned = domain.earlyPaymentDiscount(terms, totals.total, '2026-12-20', '2026-12-30');
    expect(domain.formatAmount(earned)).toBe('2.45'); // 2.4484
  });

  it('throws coded errors an HTTP layer can map', () => {
    try {
      domain.parseMoney('12.345', 'USD', 'lines[0].unitPrice');
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(domain.isDomainError(error)).toBe(true);
      if (domain.isDomainError(error)) {
        expect(error.code).toBe(domain.DomainErrorCode.MONEY_TOO_MANY_DECIMALS);
        expect(error.field).toBe('lines[0].unitPrice');
      }
    }
  });
});
