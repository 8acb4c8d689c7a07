import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { formatAmount } from '../money/money';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  computeCreditMemo,
  type CreditableInvoiceLine,
  type CreditMemoInput,
  type CreditRequestLine,
} from './credit-memo.policy';

const d = (value: string) => new Decimal(value);

/** 3 CS at 0.3333 = 1.00 net (0.9999), tax 7.25 % = 0.07. */
const LINE: CreditableInvoiceLine = {
  invoiceLineId: 'il-1',
  quantity: d('3'),
  unitPrice: d('0.3333'),
  taxPercent: d('7.25'),
  net: d('1.00'),
  tax: d('0.07'),
  quantityCredited: d('0'),
  netCredited: d('0'),
  taxCredited: d('0'),
};
const OTHER: CreditableInvoiceLine = {
  ...LINE,
  invoiceLineId: 'il-2',
  quantity: d('10'),
  unitPrice: d('12.50'),
  net: d('125.00'),
  tax: d('9.06'),
};

const memo = (
  reason: CreditMemoInput['reason'],
  lines: CreditRequestLine[],
  invoiceLines: CreditableInvoiceLine[] = [LINE, OTHER],
  openBalance = '1000',
) =>
  computeCreditMemo({ currency: 'USD', reason, lines, invoiceLines, openBalance: d(openBalance) });
const view = (result: ReturnType<typeof memo>) =>
  result.lines.map((line) => [
    line.invoiceLineId,
    line.quantity?.toString() ?? null,
    formatAmount(line.net),
    formatAmount(line.tax),
    formatAmount(line.amount),
  ]);

describe('computeCreditMemo', () => {
  it('credits a return at the invoiced unit price with tax at the line rate', () => {
    const result = memo('return', [{ invoiceLineId: 'il-2', quantity: d('3') }]);
    expect(view(result)).toEqual([['il-2', '3', '37.50', '2.72', '40.22']]);
    expect(formatAmount(result.netTotal)).toBe('37.50');
    expect(formatAmount(result.taxTotal)).toBe('2.72');
    expect(formatAmount(result.total)).toBe('40.22');
  });

  it('returns the whole remaining net and tax when the last units come back, whatever rounding', () => {
    // 1 x 0.3333 = 0.33 each time; the third return takes the remaining 0.34 and its tax.
    let line = LINE;
    const amounts: string[][] = [];
    for (let n = 0; n < 3; n += 1) {
      const [credited] = memo(
        'return',
        [{ invoiceLineId: 'il-1', quantity: d('1') }],
        [line],
      ).lines;
      amounts.push([formatAmount(credited.net), formatAmount(credited.tax)]);
      line = {
        ...line,
        quantityCredited: line.quantityCredited.plus(credited.quantityUsed),
        netCredited: line.netCredited.plus(credited.net.amount),
        taxCredited: line.taxCredited.plus(credited.tax.amount),
      };
    }
    expect(amounts).toEqual([
      ['0.33', '0.02'],
      ['0.33', '0.02'],
      ['0.34', '0.03'],
    ]);
    expect(line.netCredited.toString()).toBe('1');
    expect(line.taxCredited.toString()).toBe('0.07');
  });

  it('credits a price correction by amount without using up quantity', () => {
    const result = memo('price_correction', [
      { invoiceLineId: 'il-2', amount: d('5.00'), quantity: d('10') },
    ]);
    expect(view(result)).toEqual([['il-2', '10', '5.00', '0.36', '5.36']]);
    expect(result.lines[0].quantityUsed.toString()).toBe('0');
    const full = memo('price_correction', [{ invoiceLineId: 'il-2', amount: d('125') }]);
    expect(view(full)).toEqual([['il-2', null, '125.00', '9.06', '134.06']]);
  });

  it('caps a return after a price correction at the net left on the line', () => {
    const corrected = { ...OTHER, netCredited: d('120.00'), taxCredited: d('8.70') };
    const result = memo('short_ship', [{ invoiceLineId: 'il-2', quantity: d('2') }], [corrected]);
    expect(view(result)).toEqual([['il-2', '2', '5.00', '0.36', '5.36']]);
  });

  it('takes several lines on the same invoice line in order', () => {
    const result = memo('return', [
      { invoiceLineId: 'il-2', quantity: d('6') },
      { invoiceLineId: 'il-2', quantity: d('4') },
    ]);
    expect(view(result)).toEqual([
      ['il-2', '6', '75.00', '5.44', '80.44'],
      ['il-2', '4', '50.00', '3.62', '53.62'],
    ]);
    const error = captureDomainError(() =>
      memo('return', [
        { invoiceLineId: 'il-2', quantity: d('6') },
        { invoiceLineId: 'il-2', quantity: d('5') },
      ]),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.CREDITING_QUANTITY_EXCEEDED,
      field: 'lines[1].quantity',
    });
  });

  it.each([
    [
      'return',
      { invoiceLineId: 'il-9', quantity: d('1') },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].invoiceLineId',
    ],
    [
      'return',
      { invoiceLineId: 'il-2' },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].quantity',
    ],
    [
      'return',
      { invoiceLineId: 'il-2', quantity: d('1'), amount: d('1') },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].amount',
    ],
    [
      'return',
      { invoiceLineId: 'il-2', quantity: d('0') },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].quantity',
    ],
    [
      'return',
      { invoiceLineId: 'il-2', quantity: d('-1') },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].quantity',
    ],
    [
      'short_ship',
      { invoiceLineId: 'il-2', quantity: d('10.5') },
      DomainErrorCode.CREDITING_QUANTITY_EXCEEDED,
      'lines[0].quantity',
    ],
    [
      'price_correction',
      { invoiceLineId: 'il-2' },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].amount',
    ],
    [
      'price_correction',
      { invoiceLineId: 'il-2', amount: d('125.01') },
      DomainErrorCode.CREDITING_AMOUNT_EXCEEDED,
      'lines[0].amount',
    ],
    [
      'price_correction',
      { invoiceLineId: 'il-2', amount: d('1.005') },
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      'lines[0].amount',
    ],
    [
      'price_correction',
      { invoiceLineId: 'il-2', amount: d('0') },
      DomainErrorCode.CREDITING_INVALID_REQUEST,
      'lines[0].amount',
    ],
    [
      'price_correction',
      { invoiceLineId: 'il-2', amount: d('1'), quantity: d('11') },
      DomainErrorCode.CREDITING_QUANTITY_EXCEEDED,
      'lines[0].quantity',
    ],
  ] as const)('%s %j is refused', (reason, line, code, field) => {
    const error = captureDomainError(() => memo(reason, [line]));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('refuses a memo without lines, and a line with nothing left', () => {
    expect(captureDomainError(() => memo('return', [])).code).toBe(
      DomainErrorCode.CREDITING_INVALID_REQUEST,
    );
    const priceCorrectedAway = { ...OTHER, netCredited: d('125'), taxCredited: d('9.06') };
    const error = captureDomainError(() =>
      memo('return', [{ invoiceLineId: 'il-2', quantity: d('1') }], [priceCorrectedAway]),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.CREDITING_NOTHING_LEFT,
      field: 'lines[0].invoiceLineId',
    });
  });

  it("refuses a memo beyond the invoice's open balance", () => {
    expect(
      view(memo('return', [{ invoiceLineId: 'il-2', quantity: d('1') }], undefined, '13.41')),
    ).toHaveLength(1);
    const error = captureDomainError(() =>
      memo('return', [{ invoiceLineId: 'il-2', quantity: d('1') }], undefined, '13.40'),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.CREDITING_EXCEEDS_OPEN_BALANCE,
      field: 'lines',
    });
  });

  it('never credits more than a line holds, however returns and corrections interleave', () => {
    const step = fc.oneof(
      fc
        .integer({ min: 1, max: 10 })
        .map((n) => ({ kind: 'quantity' as const, value: d(String(n)) })),
      fc
        .integer({ min: 1, max: 13_000 })
        .map((n) => ({ kind: 'amount' as const, value: d(String(n)).div(100) })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        let line = OTHER;
        for (const entry of steps) {
          let result;
          try {
            result = memo(
              entry.kind === 'quantity' ? 'return' : 'price_correction',
              [
                entry.kind === 'quantity'
                  ? { invoiceLineId: 'il-2', quantity: entry.value }
                  : { invoiceLineId: 'il-2', amount: entry.value },
              ],
              [line],
            );
          } catch {
            continue;
          }
          const [credited] = result.lines;
          line = {
            ...line,
            quantityCredited: line.quantityCredited.plus(credited.quantityUsed),
            netCredited: line.netCredited.plus(credited.net.amount),
            taxCredited: line.taxCredited.plus(credited.tax.amount),
          };
          expect(line.quantityCredited.lte(line.quantity)).toBe(true);
          expect(line.netCredited.lte(line.net)).toBe(true);
          expect(line.taxCredited.lte(line.tax)).toBe(true);
          expect(credited.amount.amount.gt(0)).toBe(true);
        }
        if (line.quantityCredited.equals(line.quantity)) {
          expect(line.netCredited.equals(line.net)).toBe(true);
          expect(line.taxCredited.equals(line.tax)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
