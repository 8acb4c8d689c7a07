import { allowsFractions, isUnitCode, UNIT_CODES, unitOfMeasure } from './unit.catalogue';

describe('unit catalogue', () => {
  it.each(['EA', 'PR', 'CS', 'BX', 'PK', 'DZ', 'RL', 'PL'] as const)('%s is countable', (code) => {
    expect(isUnitCode(code)).toBe(true);
    expect(allowsFractions(code)).toBe(false);
    expect(unitOfMeasure(code).decimals).toBe(0);
  });

  it.each([
    ['FT', 3],
    ['M', 3],
    ['KG', 3],
    ['LB', 4],
    ['L', 3],
    ['GAL', 4],
  ] as const)('%s allows %i decimals', (code, decimals) => {
    expect(allowsFractions(code)).toBe(true);
    expect(unitOfMeasure(code)).toMatchObject({ code, decimals });
  });

  it('names every unit', () => {
    expect(unitOfMeasure('PL').name).toBe('pallet');
    for (const code of UNIT_CODES) expect(unitOfMeasure(code).name).toMatch(/^[a-z]+$/);
    expect(Object.isFrozen(UNIT_CODES)).toBe(true);
  });

  it.each(['ea', 'Ea', 'EACH', 'XX', '', ' EA', 'toString', '__proto__', 12, null, undefined])(
    'rejects %p',
    (code) => {
      expect(isUnitCode(code)).toBe(false);
    },
  );
});
