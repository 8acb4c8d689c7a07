/**
 * The printed number of an invoice or credit memo: series, dash, the number zero-padded to 8
 * digits ("INV-00001234"). Numbers beyond 8 digits are printed in full, never cut.
 */
export function formatDocumentNumber(series: string, sequenceNumber: string): string {
  return `${series}-${sequenceNumber.padStart(8, '0')}`;
}
