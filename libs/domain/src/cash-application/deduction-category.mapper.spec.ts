import { deductionCategory } from './deduction-category.mapper';

describe('deductionCategory', () => {
  it.each([
    ['01', 'pricing', 'x12-426'],
    ['1', 'pricing', 'x12-426'], // a dropped leading zero
    ['24', 'pricing', 'x12-426'],
    ['54', 'pricing', 'x12-426'],
    ['06', 'shortage', 'x12-426'],
    ['59', 'shortage', 'x12-426'],
    ['04', 'damage', 'x12-426'],
    ['05', 'damage', 'x12-426'],
    ['11', 'returns', 'x12-426'],
    ['14', 'returns', 'x12-426'],
    ['16', 'promotion', 'x12-426'],
    ['56', 'promotion', 'x12-426'],
    ['57', 'promotion', 'x12-426'],
    ['19', 'other', 'x12-426'],
    ['UNEARNED_DISCOUNT', 'pricing', 'unearned-discount'],
  ])('code %p -> %s (%s)', (code, category, source) => {
    expect(deductionCategory(code)).toMatchObject({ category, source });
  });

  it.each([
    ['DMG', null, 'damage'],
    ['PROMO', null, 'promotion'],
    ['RTN', null, 'returns'],
    ['SHT', null, 'shortage'],
    ['PRC', null, 'pricing'],
    ['ZZ', 'co-op advertising allowance', 'promotion'],
    [null, 'short shipped 2 cases', 'shortage'],
    [null, 'Damaged in transit', 'damage'],
    [null, 'freight charged in error', 'pricing'],
  ])('code %p with text %p -> %s from the words', (code, text, category) => {
    expect(deductionCategory(code, text)).toMatchObject({ category, source: 'text' });
  });

  it('falls back to other, saying why', () => {
    expect(deductionCategory(null)).toEqual({
      category: 'other',
      source: 'default',
      description: 'No reason given by the payer',
    });
    expect(deductionCategory('Q7', 'see letter')).toMatchObject({
      category: 'other',
      description: 'Unknown reason code Q7',
    });
  });

  it('describes X12 codes by their standard name', () => {
    expect(deductionCategory('04').description).toBe('X12 426 04: Item not accepted - damaged');
  });
});
