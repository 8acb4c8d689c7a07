import { RemittanceFileError } from '../remittance-file.error';
import { x12Date } from './x12-values';

/** x12Date as first written, with a regular expression and a Date for every date. */
function referenceDate(text: string): string | null {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})$/.exec(text);
  const century = match?.[1] ?? (Number(match?.[2]) < 70 ? '20' : '19');
  const date = match === null ? '' : `${century}${match[2]}-${match[3]}-${match[4]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (match === null || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) {
    return null;
  }
  return date;
}

const LOCATION = { line: 7, segment: 7, record: 'DTM', element: 'DTM02' };

function read(text: string): string | null {
  try {
    return x12Date(text, () => LOCATION);
  } catch (error) {
    expect(error).toBeInstanceOf(RemittanceFileError);
    expect(error).toMatchObject({
      code: 'REMITTANCE_FILE.INVALID_VALUE',
      message: `line 7, segment 7, DTM DTM02: "${text}" is not a date (CCYYMMDD)`,
      location: LOCATION,
    });
    return null;
  }
}

describe('x12Date', () => {
  it('agrees with the Date reading on every day of leap and common years, and beyond', () => {
    const texts: string[] = [];
    for (const year of [
      '2024',
      '2026',
      '1900',
      '2000',
      '2100',
      '0000',
      '9999',
      '24',
      '69',
      '70',
      '00',
    ]) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          texts.push(`${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`);
        }
      }
    }
    texts.push(
      '',
      '2026031',
      '202603061',
      '2026-03-06',
      '20260306 ',
      '２０２６０３０６',
      'ABCDEFGH',
    );
    for (const text of texts) {
      expect({ text, date: read(text) }).toEqual({ text, date: referenceDate(text) });
    }
  });

  it('pivots two-digit years at 70', () => {
    expect(x12Date('690228', LOCATION)).toBe('2069-02-28');
    expect(x12Date('700228', LOCATION)).toBe('1970-02-28');
    expect(x12Date('000229', LOCATION)).toBe('2000-02-29');
  });
});
