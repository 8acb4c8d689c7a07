import { Decimal as GlobalDecimal } from 'decimal.js';
import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { assertValidItemUnits, convertQuantity, type ItemUnits } from './uom.converter';
import { captureDomainError } from '../testing/domain-error.capture';

const gloves: ItemUnits = {
  baseUom: 'EA',
  conversions: [
    { uom: 'PR', toBase: '2' },
    { uom: 'DZ', toBase: '12' },
    { uom: 'BX', toBase: '24' },
    { uom: 'CS', toBase: '144' },
    { uom: 'PL', toBase: '5760' },
  ],
};
const cable: ItemUnits = {
  baseUom: 'M',
  conversions: [
    { uom: 'FT', toBase: '0.3048' },
    { uom: 'RL', toBase: '152.4' },
  ],
};
const solvent: ItemUnits = { baseUom: 'L', conversions: [{ uom: 'GAL', toBase: '3.785411784' }] };

const convert = (qty: string, from: string, to: string, item: ItemUnits) =>
  convertQuantity(new Decimal(qty), from, to, item).toString();
const code = (value: DomainErrorCode, field?: string) =>
  field === undefined ? { code: value } : { code: value, field };

describe('convertQuantity', () => {
  it.each([
    ['2', 'CS', 'EA', '288'],
    ['288', 'EA', 'CS', '2'],
    ['3', 'CS', 'DZ', '36'],
    ['1', 'PL', 'CS', '40'],
    ['6', 'BX', 'DZ', '12'],
    ['5', 'PR', 'EA', '10'],
    ['7', 'EA', 'EA', '7'],
    ['0', 'CS', 'EA', '0'],
    ['-2', 'CS', 'EA', '-288'],
  ])('converts %s %s to %s %s (gloves)', (qty, from, to, expected) => {
    expect(convert(qty, from, to, gloves)).toBe(expected);
  });

  it.each([
    ['10', 'FT', 'M', '3.048'],
    ['1', 'RL', 'FT', '500'],
    ['3.048', 'M', 'FT', '10'],
    ['1', 'RL', 'M', '152.4'],
    ['152.4', 'M', 'RL', '1'],
  ])('converts %s %s to %s %s (cable)', (qty, from, to, expected) => {
    expect(convert(qty, from, to, cable)).toBe(expected);
  });

  it('refuses a fractional result in a countable unit instead of rounding', () => {
    expect(captureDomainError(() => convert('18', 'EA', 'CS', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED, 'quantity'),
    );
    expect(captureDomainError(() => convert('1', 'EA', 'DZ', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED),
    );
    expect(captureDomainError(() => convert('1', 'M', 'RL', cable))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED),
    );
  });

  it('refuses a result with more decimals than a fractional unit allows', () => {
    // 1 M = 3.2808398950... FT: non-terminating
    expect(captureDomainError(() => convert('1', 'M', 'FT', cable))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS, 'quantity'),
    );
    // 1.5 FT = 0.4572 M: terminating, but 4 decimals where M allows 3
    expect(captureDomainError(() => convert('1.5', 'FT', 'M', cable))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS),
    );
    expect(captureDomainError(() => convert('1', 'GAL', 'L', solvent))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS),
    );
  });

  it('requires the input to fit its own unit', () => {
    expect(captureDomainError(() => convert('1.5', 'CS', 'EA', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED),
    );
    expect(captureDomainError(() => convert('1.0001', 'M', 'FT', cable))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS),
    );
    expect(
      captureDomainError(() => convertQuantity(new Decimal(NaN), 'EA', 'CS', gloves)),
    ).toMatchObject(code(DomainErrorCode.QUANTITY_INVALID));
  });

  it('names a custom field', () => {
    expect(
      captureDomainError(() =>
        convertQuantity(new Decimal(5), 'EA', 'CS', gloves, 'lines[4].quantity'),
      ),
    ).toMatchObject(code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED, 'lines[4].quantity'));
  });

  it('rejects units outside the catalogue', () => {
    expect(captureDomainError(() => convert('1', 'BAG', 'EA', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_UNKNOWN, 'from'),
    );
    expect(captureDomainError(() => convert('1', 'EA', 'ea', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_UNKNOWN, 'to'),
    );
    expect(
      captureDomainError(() => convert('1', 'EA', 'EA', { baseUom: 'EACH', conversions: [] })),
    ).toMatchObject(code(DomainErrorCode.UOM_UNKNOWN, 'baseUom'));
  });

  it('rejects units the item is not set up for', () => {
    expect(captureDomainError(() => convert('1', 'KG', 'EA', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_NOT_CONVERTIBLE, 'from'),
    );
    expect(captureDomainError(() => convert('1', 'EA', 'RL', gloves))).toMatchObject(
      code(DomainErrorCode.UOM_NOT_CONVERTIBLE, 'to'),
    );
  });

  it('rejects a broken conversion when it is used', () => {
    const broken = (toBase: string): ItemUnits => ({
      baseUom: 'EA',
      conversions: [{ uom: 'CS', toBase }],
    });
    for (const toBase of ['0', '-12', 'twelve', '1e2', '']) {
      expect(captureDomainError(() => convert('1', 'CS', 'EA', broken(toBase)))).toMatchObject(
        code(DomainErrorCode.UOM_INVALID_CONVERSION, 'from'),
      );
    }
    const twice: ItemUnits = {
      baseUom: 'EA',
      conversions: [
        { uom: 'CS', toBase: '12' },
        { uom: 'CS', toBase: '24' },
      ],
    };
    expect(captureDomainError(() => convert('1', 'CS', 'EA', twice))).toMatchObject(
      code(DomainErrorCode.UOM_INVALID_CONVERSION),
    );
    // an unrelated broken row does not block other conversions
    const partly: ItemUnits = {
      baseUom: 'EA',
      conversions: [
        { uom: 'CS', toBase: '12' },
        { uom: 'BX', toBase: 'x' },
      ],
    };
    expect(convert('2', 'CS', 'EA', partly)).toBe('24');
  });

  it('computes at the domain precision even for a foreign Decimal', () => {
    expect(convertQuantity(new GlobalDecimal(3), 'CS', 'EA', gloves).toString()).toBe('432');
  });

  it('round-trips: converting there and back returns the original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100000, max: 100000 }),
        fc.constantFrom('PR', 'DZ', 'BX', 'CS', 'PL'),
        (count, uom) => {
          const qty = new Decimal(count);
          const inEach = convertQuantity(qty, uom, 'EA', gloves);
          expect(convertQuantity(inEach, 'EA', uom, gloves).equals(qty)).toBe(true);
        },
      ),
    );
  });
});

describe('assertValidItemUnits', () => {
  it('accepts a sound set-up', () => {
    expect(() => assertValidItemUnits(gloves)).not.toThrow();
    expect(() => assertValidItemUnits(cable)).not.toThrow();
    expect(() => assertValidItemUnits({ baseUom: 'EA', conversions: [] })).not.toThrow();
  });

  it.each([
    [{ baseUom: 'XX', conversions: [] }, DomainErrorCode.UOM_UNKNOWN, 'baseUom'],
    [
      { baseUom: 'EA', conversions: [{ uom: 'cs', toBase: '12' }] },
      DomainErrorCode.UOM_UNKNOWN,
      'conversions[0].uom',
    ],
    [
      { baseUom: 'EA', conversions: [{ uom: 'EA', toBase: '1' }] },
      DomainErrorCode.UOM_INVALID_CONVERSION,
      'conversions[0].uom',
    ],
    [
      {
        baseUom: 'EA',
        conversions: [
          { uom: 'CS', toBase: '12' },
          { uom: 'CS', toBase: '12' },
        ],
      },
      DomainErrorCode.UOM_INVALID_CONVERSION,
      'conversions[1].uom',
    ],
    [
      { baseUom: 'EA', conversions: [{ uom: 'CS', toBase: '0' }] },
      DomainErrorCode.UOM_INVALID_CONVERSION,
      'conversions[0].toBase',
    ],
    [
      { baseUom: 'EA', conversions: [{ uom: 'CS', toBase: '-1' }] },
      DomainErrorCode.UOM_INVALID_CONVERSION,
      'conversions[0].toBase',
    ],
  ] as const)('rejects %j', (item, expected, field) => {
    expect(captureDomainError(() => assertValidItemUnits(item))).toMatchObject(
      code(expected, field),
    );
  });
});
