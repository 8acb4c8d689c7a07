import {
  locationOf,
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocationOf,
} from '../remittance-file.error';

/** CCYYMMDD (or YYMMDD, pivoting at 70) to 'YYYY-MM-DD'. */
export function x12Date(text: string, where: RemittanceFileLocationOf): string {
  const valid = validDate(text);
  if (valid !== null) return valid;
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})$/.exec(text);
  const century = match?.[1] ?? (Number(match?.[2]) < 70 ? '20' : '19');
  const date = match === null ? '' : `${century}${match[2]}-${match[3]}-${match[4]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (match === null || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${text}" is not a date (CCYYMMDD)`,
      locationOf(where),
    );
  }
  return date;
}

/**
 * The date when `text` is a valid CCYYMMDD or YYMMDD, else null (x12Date then decides), read
 * without a regular expression or a Date: a large 820 holds a date per document.
 */
function validDate(text: string): string | null {
  if (text.length !== 8 && text.length !== 6) return null;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return null;
  }
  const short = text.length === 6;
  const year = short ? Number(text.slice(0, 2)) : Number(text.slice(0, 4));
  const fullYear = short ? year + (year < 70 ? 2000 : 1900) : year;
  const month = Number(text.slice(-4, -2));
  const day = Number(text.slice(-2));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(fullYear, month)) return null;
  const yyyy = short ? `${year < 70 ? '20' : '19'}${text.slice(0, 2)}` : text.slice(0, 4);
  return `${yyyy}-${text.slice(-4, -2)}-${text.slice(-2)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
