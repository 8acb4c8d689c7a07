import { Decimal as GlobalDecimal } from 'decimal.js';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { type PriceAgreementTerms, resolveUnitPrice } from './contract-price.resolver';

const d = (value: string) => new Decimal(value);
const agreement = (
  id: string,
  unitPrice: string,
  validFrom: string,
  validTo: string | null,
  breaks: [string, string][] = [],
): PriceAgreementTerms => ({
  id,
  unitPrice: d(unitPrice),
  validFrom,
  validTo,
  breaks: breaks.map(([minQuantity, price]) => ({
    minQuantity: d(minQuantity),
    unitPrice: d(price),
  })),
});
const resolve = (quantity: string, on: string, agreements: PriceAgreementTerms[]) => {
  const result = resolveUnitPrice({ quantity: d(quantity), on, listPrice: d('10.00'), agreements });
  return { unitPrice: result.unitPrice.toString(), source: result.source, id: result.agreementId };
};

describe('resolveUnitPrice', () => {
  const march = agreement('A', '8.50', '2026-03-01', '2026-03-31');

  it('uses the list price when there is no agreement', () => {
    expect(resolve('5', '2026-03-10', [])).toEqual({ unitPrice: '10', source: 'list', id: null });
  });

  it('uses the agreement valid on the date', () => {
    expect(resolve('5', '2026-03-10', [march])).toEqual({
      unitPrice: '8.5',
      source: 'contract',
      id: 'A',
    });
  });

  it('treats both validity bounds as inclusive', () => {
    expect(resolve('1', '2026-02-28', [march]).source).toBe('list');
    expect(resolve('1', '2026-03-01', [march]).id).toBe('A');
    expect(resolve('1', '2026-03-31', [march]).id).toBe('A');
    expect(resolve('1', '2026-04-01', [march]).source).toBe('list');
  });

  it('treats a null validTo as open-ended', () => {
    const open = agreement('O', '7', '2026-01-01', null);
    expect(resolve('1', '2025-12-31', [open]).source).toBe('list');
    expect(resolve('1', '2026-01-01', [open]).id).toBe('O');
    expect(resolve('1', '9999-12-31', [open]).id).toBe('O');
  });

  it('accepts a one-day agreement', () => {
    const day = agreement('D', '6', '2026-05-05', '2026-05-05');
    expect(resolve('1', '2026-05-04', [day]).source).toBe('list');
    expect(resolve('1', '2026-05-05', [day]).id).toBe('D');
    expect(resolve('1', '2026-05-06', [day]).source).toBe('list');
  });

  it('lets the latest validFrom win among overlapping agreements, whatever their order', () => {
    const year = agreement('Y', '9', '2026-01-01', '2026-12-31');
    const promo = agreement('P', '7', '2026-03-10', '2026-03-20');
    expect(resolve('1', '2026-03-15', [year, promo]).id).toBe('P');
    expect(resolve('1', '2026-03-15', [promo, year]).id).toBe('P');
    expect(resolve('1', '2026-03-21', [promo, year]).id).toBe('Y');
    expect(resolve('1', '2026-03-09', [year, promo]).id).toBe('Y');
  });

  it('keeps the first given on a validFrom tie', () => {
    const first = agreement('F', '9', '2026-01-01', '2026-12-31');
    const second = agreement('S', '8', '2026-01-01', null);
    expect(resolve('1', '2026-06-01', [first, second]).id).toBe('F');
    expect(resolve('1', '2026-06-01', [second, first]).id).toBe('S');
  });

  it('ignores expired and future agreements', () => {
    const expired = agreement('E', '1', '2025-01-01', '2025-12-31');
    const future = agreement('F', '2', '2027-01-01', null);
    expect(resolve('1', '2026-06-01', [expired, future])).toEqual({
      unitPrice: '10',
      source: 'list',
      id: null,
    });
  });

  describe('quantity breaks', () => {
    const tiered = agreement('T', '8.00', '2026-01-01', null, [
      ['100', '7.00'],
      ['10', '7.50'],
      ['500', '6.25'],
    ]);

    it.each([
      ['0', '8'],
      ['1', '8'],
      ['9', '8'],
      ['9.999', '8'],
      ['10', '7.5'],
      ['11', '7.5'],
      ['99', '7.5'],
      ['100', '7'],
      ['499.5', '7'],
      ['500', '6.25'],
      ['100000', '6.25'],
    ])('quantity %s costs %s (breaks apply exactly at the threshold)', (quantity, price) => {
      expect(resolve(quantity, '2026-06-01', [tiered]).unitPrice).toBe(price);
    });

    it('applies breaks of the winning agreement only', () => {
      const newer = agreement('N', '7.90', '2026-06-01', null);
      expect(resolve('500', '2026-06-01', [tiered, newer])).toEqual({
        unitPrice: '7.9',
        source: 'contract',
        id: 'N',
      });
    });

    it('handles fractional quantities of measured units', () => {
      const cable = agreement('C', '2.40', '2026-01-01', null, [['152.4', '2.10']]);
      expect(resolve('152.399', '2026-02-01', [cable]).unitPrice).toBe('2.4');
      expect(resolve('152.400', '2026-02-01', [cable]).unitPrice).toBe('2.1');
    });

    it('allows a break to price an item at zero', () => {
      const free = agreement('Z', '1', '2026-01-01', null, [['1000', '0']]);
      expect(resolve('1000', '2026-02-01', [free]).unitPrice).toBe('0');
    });
  });

  it('returns Decimals on the domain clone', () => {
    const result = resolveUnitPrice({
      quantity: new GlobalDecimal(3),
      on: '2026-01-01',
      listPrice: new GlobalDecimal('1.10'),
      agreements: [],
    });
    expect(result.unitPrice).toBeInstanceOf(Decimal);
    expect(result.unitPrice.div(3).toString()).toBe('0.3666666666666666666666666666666666666667');
  });

  describe('rejects bad input, naming the field', () => {
    const base = { quantity: d('1'), on: '2026-01-01', listPrice: d('1'), agreements: [] };

    it.each([
      [{ ...base, quantity: d('-1') }, DomainErrorCode.QUANTITY_NEGATIVE, 'quantity'],
      [{ ...base, quantity: d('NaN') }, DomainErrorCode.QUANTITY_INVALID, 'quantity'],
      [{ ...base, on: '2026-02-30' }, DomainErrorCode.DATE_INVALID, 'on'],
      [{ ...base, listPrice: d('-0.01') }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'listPrice'],
      [{ ...base, listPrice: d('Infinity') }, DomainErrorCode.MONEY_INVALID_AMOUNT, 'listPrice'],
      [
        { ...base, agreements: [agreement('A', '-1', '2026-01-01', null)] },
        DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
        'agreements[0].unitPrice',
      ],
      [
        { ...base, agreements: [agreement('A', '1', '2026-13-01', null)] },
        DomainErrorCode.DATE_INVALID,
        'agreements[0].validFrom',
      ],
      [
        { ...base, agreements: [agreement('A', '1', '2026-01-01', '01/02/2026')] },
        DomainErrorCode.DATE_INVALID,
        'agreements[0].validTo',
      ],
      [
        { ...base, agreements: [agreement('A', '1', '2026-01-01', null, [['-5', '1']])] },
        DomainErrorCode.QUANTITY_NEGATIVE,
        'agreements[0].breaks[0].minQuantity',
      ],
      [
        {
          ...base,
          agreements: [
            agreement('A', '1', '2020-01-01', '2020-12-31'),
            agreement('B', '1', '2026-01-01', null, [['5', '-1']]),
          ],
        },
        DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
        'agreements[1].breaks[0].unitPrice',
      ],
    ])('%#', (input, code, field) => {
      const error = captureDomainError(() => resolveUnitPrice(input));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
    });

    it('rejects a non-Decimal passed around the types', () => {
      const quantity = '5' as unknown as Decimal;
      const error = captureDomainError(() => resolveUnitPrice({ ...base, quantity }));
      expect(error.code).toBe(DomainErrorCode.QUANTITY_INVALID);
    });
  });
});
