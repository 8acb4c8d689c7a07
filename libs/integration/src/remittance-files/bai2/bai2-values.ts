import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';

/**
 * YYMMDD to 'YYYY-MM-DD'. Two-digit years pivot at 70: 00-69 are 2000-2069, 70-99 1970-1999
 * (BAI2 files predate 1970 in no archive worth importing).
 */
export function bai2Date(text: string | undefined, location: RemittanceFileLocation): string {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  const year = match === null ? NaN : Number(match[1]) + (Number(match[1]) < 70 ? 2000 : 1900);
  const date = match === null ? '' : `${year}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (match === null || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${text ?? ''}" is not a date (YYMMDD)`,
      location,
    );
  }
  return date;
}

/** HHMM to 'HH:MM'; empty is null; 2400 and 9999 (end of day) read as 24:00. */
export function bai2Time(
  text: string | undefined,
  location: RemittanceFileLocation,
): string | null {
  if (text === undefined || text === '') return null;
  if (text === '2400' || text === '9999') return '24:00';
  const match = /^([01]\d|2[0-3])([0-5]\d)$/.exec(text);
  if (match === null) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${text}" is not a time (HHMM)`,
      location,
    );
  }
  return `${match[1]}:${match[2]}`;
}

export function wholeNumber(text: string | undefined, location: RemittanceFileLocation): number {
  if (!/^\d{1,9}$/.test(text ?? '')) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${text ?? ''}" is not a whole number`,
      location,
    );
  }
  return Number(text);
}
