import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';

/** CCYYMMDD (or YYMMDD, pivoting at 70) to 'YYYY-MM-DD'. */
export function x12Date(text: string, location: RemittanceFileLocation): string {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})$/.exec(text);
  const century = match?.[1] ?? (Number(match?.[2]) < 70 ? '20' : '19');
  const date = match === null ? '' : `${century}${match[2]}-${match[3]}-${match[4]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (match === null || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${text}" is not a date (CCYYMMDD)`,
      location,
    );
  }
  return date;
}
