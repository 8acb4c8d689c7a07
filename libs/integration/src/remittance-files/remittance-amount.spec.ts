import {
  type CurrencyCode,
  Decimal,
  formatAmount,
  isCurrencyCode,
  minorUnits,
  moneyOf,
} from '@o2c/domain';
import { scanExplicitAmount, scanImpliedAmount } from './canonical-amount.scanner';
import {
  type AmountRules,
  explicitAmount,
  impliedAmount,
  negate,
  sumAmounts,
} from './remittance-amount';
import { RemittanceFileError, type RemittanceFileLocation } from './remittance-file.error';

/**
 * The amount rules as first written, with Decimal for every amount: the scans that skip
 * Decimal for the usual amounts must give the same string, error code and message.
 */
const reference = {
  explicit(text: string | undefined, currency: CurrencyCode, rules: AmountRules): string {
    const written = text?.trim() ?? '';
    if (written === '') throw fail('REMITTANCE_FILE.MISSING_ELEMENT', 'amount is missing');
    const pattern = rules.syntax === 'x12' ? /^-?(\d+(\.\d*)?|\.\d+)$/ : /^\d+(\.\d+)?$/;
    if (written.startsWith('-') && rules.syntax === 'iso20022') throw negative(written);
    if (!pattern.test(written)) {
      throw fail('REMITTANCE_FILE.INVALID_VALUE', `"${written}" is not a decimal amount`);
    }
    return reference.checked(new Decimal(written), written, currency, rules.allowNegative);
  },
  implied(text: string | undefined, currency: CurrencyCode, allowSign: boolean): string {
    const written = text?.trim() ?? '';
    if (!/^[+-]?\d+$/.test(written)) {
      throw fail(
        'REMITTANCE_FILE.INVALID_VALUE',
        written === ''
          ? 'amount is missing'
          : `"${written}" is not an amount in minor units (digits, no decimal point)`,
      );
    }
    if (!allowSign && written.startsWith('-')) throw negative(written);
    const value = new Decimal(written).div(new Decimal(10).pow(minorUnits(currency)));
    return reference.checked(value, written, currency, true);
  },
  checked(value: Decimal, written: string, currency: CurrencyCode, allowNegative: boolean) {
    if (value.isNegative() && !value.isZero() && !allowNegative) throw negative(written);
    if (value.abs().truncated().toString().length > 15) {
      throw fail('REMITTANCE_FILE.INVALID_VALUE', `"${written}" has more than 15 integer digits`);
    }
    if (value.decimalPlaces() > minorUnits(currency)) {
      throw fail(
        'REMITTANCE_FILE.TOO_MANY_DECIMALS',
        `"${written}" has more than the ${minorUnits(currency)} decimals ${currency} allows`,
      );
    }
    return formatAmount(moneyOf(value.isZero() ? new Decimal(0) : value, currency));
  },
  sum(amounts: readonly string[], currency: CurrencyCode): string {
    const total = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
    return formatAmount(moneyOf(total, currency));
  },
  negate(amount: string, currency: CurrencyCode): string {
    return formatAmount(moneyOf(new Decimal(amount).negated(), currency));
  },
};

class ReferenceFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(code: string, message: string): ReferenceFailure {
  return new ReferenceFailure(code, message);
}

function negative(written: string): ReferenceFailure {
  return fail(
    'REMITTANCE_FILE.NEGATIVE_AMOUNT',
    `"${written}" is negative where only positive amounts are allowed`,
  );
}

const LOCATION: RemittanceFileLocation = { line: 3, segment: 3, record: 'RMR', element: 'RMR04' };

type Outcome = { value: string } | { code: string; message: string; location?: unknown };

function outcome(read: () => string, prefix = ''): Outcome {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof RemittanceFileError) {
      return { code: error.code, message: error.message, location: error.location };
    }
    if (error instanceof ReferenceFailure) {
      return { code: error.code, message: `${prefix}${error.message}`, location: LOCATION };
    }
    throw error;
  }
}

const CURRENCIES = ['USD', 'JPY', 'KWD'].filter(isCurrencyCode);
const RULES: AmountRules[] = [
  { syntax: 'x12', allowNegative: true },
  { syntax: 'x12', allowNegative: false },
  { syntax: 'iso20022', allowNegative: false },
  { syntax: 'iso20022', allowNegative: true },
];

/** Signs, integer parts, points and fractions combined, plus odd forms written by hand. */
const WRITTEN: string[] = [
  ...['', '-', '+'].flatMap((sign) =>
    ['', '0', '00', '5', '05', '123', '000123', '100', '999999999999999', '1000000000000000']
      .concat(['0000000000000001', '000000000000000000000000000000000000000000007'])
      .flatMap((integer) =>
        ['', '.'].flatMap((point) =>
          ['', '0', '5', '50', '500', '05', '005', '0050', '1234', '000', '9999'].map(
            (fraction) => `${sign}${integer}${point}${fraction}`,
          ),
        ),
      ),
  ),
  ...['1e3', '1E3', '1e-2', '-1e2', '.5e1', 'Infinity', '-Infinity', 'NaN', '0x10', '0b1'],
  ...[' 5 ', '\t7.5', '5\n', '\u00a012.30', '1 2', '1,5', '1_000', '1..2', '--5', '5-', '+-5'],
  ...['-.', '.', '-', '+', '١٢', '１２', '5.5.', '.5.', '-0', '-0.00', '-000.10', '-.5', '5.'],
  ...['123456789012345.99', '-123456789012345.999', '0000000000000001234567890123456'],
];

describe('amounts read without Decimal', () => {
  it.each(CURRENCIES)('agrees with the Decimal rules on explicit amounts in %s', (currency) => {
    for (const rules of RULES) {
      for (const written of [...WRITTEN, undefined]) {
        const ours = outcome(() => explicitAmount(written, currency, LOCATION, rules));
        const theirs = outcome(
          () => reference.explicit(written, currency, rules),
          'line 3, segment 3, RMR RMR04: ',
        );
        expect({ written, rules, ...ours }).toEqual({ written, rules, ...theirs });
      }
    }
  });

  it.each(CURRENCIES)('agrees with the Decimal rules on implied amounts in %s', (currency) => {
    for (const allowSign of [true, false]) {
      for (const written of [...WRITTEN, undefined]) {
        const ours = outcome(() => impliedAmount(written, currency, LOCATION, allowSign));
        const theirs = outcome(
          () => reference.implied(written, currency, allowSign),
          'line 3, segment 3, RMR RMR04: ',
        );
        expect({ written, allowSign, ...ours }).toEqual({ written, allowSign, ...theirs });
      }
    }
  });

  it('builds a lazy location only when the amount is refused', () => {
    const where = jest.fn(() => LOCATION);
    const usd = CURRENCIES[0];
    expect(explicitAmount('12.5', usd, where, RULES[0])).toBe('12.50');
    expect(impliedAmount('1250', usd, where, true)).toBe('12.50');
    expect(where).not.toHaveBeenCalled();
    expect(() => explicitAmount('12.555', usd, where, RULES[0])).toThrow(
      expect.objectContaining({ code: 'REMITTANCE_FILE.TOO_MANY_DECIMALS', location: LOCATION }),
    );
    expect(where).toHaveBeenCalledTimes(1);
  });

  it('takes the scan for the usual forms and leaves the rest to Decimal', () => {
    expect(scanExplicitAmount('0004418', 2, true, false)).toBe('4418.00');
    expect(scanExplicitAmount('-.5', 2, true, true)).toBe('-0.50');
    expect(scanExplicitAmount('-0.00', 2, true, false)).toBe('0.00');
    expect(scanExplicitAmount('8.850', 2, false, false)).toBe('8.85');
    expect(scanExplicitAmount('5.', 0, true, false)).toBe('5');
    expect(scanExplicitAmount('1.5', 3, false, false)).toBe('1.500');
    expect(scanImpliedAmount('+0000123456', 2, false)).toBe('1234.56');
    expect(scanImpliedAmount('-5', 3, true)).toBe('-0.005');
    expect(scanImpliedAmount('-000', 2, true)).toBe('0.00');
    for (const refused of [
      '',
      '-',
      '.',
      '5.',
      '.5',
      '1e3',
      ' 5',
      '-1',
      '1.234',
      '1234567890123456',
    ]) {
      expect(scanExplicitAmount(refused, 2, false, false)).toBeNull();
    }
    expect(scanExplicitAmount('-1', 2, true, false)).toBeNull();
    expect(scanImpliedAmount('-1', 2, false)).toBeNull();
    expect(scanImpliedAmount('123456789012345678', 2, true)).toBeNull();
  });

  it.each(CURRENCIES)('adds and negates amounts as Decimal does in %s', (currency) => {
    const amounts = [
      ...['0', '-0', '0.00', '-0.00', '1', '-1', '12.5', '12.50', '-12.505', '0.001', '.5'],
      ...['999999999999999.99', '-999999999999999.999', '9007199254740993', '1e3', '5.', '12'],
      ...['100000000000000000000.01', '-0.1', '3.456', '7.8901'],
    ];
    for (const amount of amounts) {
      expect({ amount, negated: negate(amount, currency) }).toEqual({
        amount,
        negated: reference.negate(amount, currency),
      });
    }
    for (let start = 0; start < amounts.length; start += 1) {
      for (const size of [1, 2, 3, 5]) {
        const some = amounts.slice(start, start + size);
        expect({ some, sum: sumAmounts(some, currency) }).toEqual({
          some,
          sum: reference.sum(some, currency),
        });
      }
    }
    expect(sumAmounts([], currency)).toBe(reference.sum([], currency));
    const many = Array.from({ length: 40 }, () => '999999999999999.99');
    expect(sumAmounts(many, currency)).toBe(reference.sum(many, currency));
  });
});
