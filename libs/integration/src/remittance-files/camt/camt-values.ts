import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import type { XmlElement } from './xml-document';

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A date element given as <Dt> (a date) or <DtTm> (a date-time: its calendar date as
 * written, without converting zones, which is what the bank booked it under).
 */
export function calendarDate(parent: XmlElement, name: string): string | null {
  const element = parent.child(name);
  if (element === undefined) return null;
  const inner = element.child('Dt') ?? element.child('DtTm');
  const written = (inner ?? element).text;
  if (written === '') return null;
  const match = DATE.exec(written);
  const date = match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
  if (date === null || !isRealDate(date)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${written}" is not a date`,
      (inner ?? element).location,
    );
  }
  return date;
}

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/** A whole count such as NbOfNtries / NbOfTxs. */
export function wholeCount(element: XmlElement): number {
  if (!/^\d{1,15}$/.test(element.text)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${element.text}" is not a whole count`,
      element.location,
    );
  }
  return Number(element.text);
}

/** CRDT or DBIT, nothing else. */
export function creditOrDebit(parent: XmlElement): 'CRDT' | 'DBIT' {
  const element = parent.required('CdtDbtInd');
  if (element.text !== 'CRDT' && element.text !== 'DBIT') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${element.text}" must be CRDT or DBIT`,
      element.location,
    );
  }
  return element.text;
}
