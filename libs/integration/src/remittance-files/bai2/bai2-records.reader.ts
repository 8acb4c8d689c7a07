import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';

export const BAI2_RECORD_CODES = ['01', '02', '03', '16', '49', '88', '98', '99'] as const;
export type Bai2RecordCode = (typeof BAI2_RECORD_CODES)[number];

/** One physical record as written: its code, what follows the code, and where. */
export interface Bai2PhysicalRecord {
  readonly code: Bai2RecordCode;
  /** Everything after "NN,", without the closing "/". */
  readonly body: string;
  readonly line: number;
}

/** A record with the 88 continuations that follow it. */
export interface Bai2Record extends Bai2PhysicalRecord {
  readonly continuations: readonly Bai2PhysicalRecord[];
}

/**
 * Splits a BAI2 file into records. Banks write them one per line ending in "/", several per
 * line ("49,100,4/ 03,..."), or one per line without the "/"; all three are read. A "/" ends
 * a record only at the end of a line or before the next record code, so slashes inside
 * references and text ("AB/GS/0001", "08/18/23") survive.
 */
export function readBai2Records(text: string): Bai2Record[] {
  const records: { head: Bai2PhysicalRecord; continuations: Bai2PhysicalRecord[] }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((content, index) => {
    const line = index + 1;
    for (const piece of splitLine(content)) {
      const record = physicalRecord(piece, line);
      if (record.code === '88') {
        const previous = records[records.length - 1];
        if (previous === undefined) {
          throw new RemittanceFileError(
            RemittanceFileErrorCode.STRUCTURE,
            'a continuation (88) record has nothing to continue',
            { line, record: '88' },
          );
        }
        previous.continuations.push(record);
      } else {
        records.push({ head: record, continuations: [] });
      }
    }
  });
  return records.map(({ head, continuations }) => ({ ...head, continuations }));
}

const RECORD_START = /\/\s*(?=(?:01|02|03|16|49|88|98|99),)/g;

function splitLine(content: string): string[] {
  if (content.trim() === '') return [];
  return content
    .split(RECORD_START)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

function physicalRecord(piece: string, line: number): Bai2PhysicalRecord {
  const comma = piece.indexOf(',');
  const code = comma === -1 ? piece.replace(/\/$/, '') : piece.slice(0, comma);
  if (!(BAI2_RECORD_CODES as readonly string[]).includes(code)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      `"${piece.slice(0, 20).trim()}" does not start with a BAI2 record code (01, 02, 03, 16, 49, 88, 98, 99) and a comma; a record continues on another line only as an 88 record`,
      { line },
    );
  }
  const body = comma === -1 ? '' : piece.slice(comma + 1).replace(/\/\s*$/, '');
  return { code: code as Bai2RecordCode, body, line };
}

/** Comma-separated fields of a record and its continuations, as one list. */
export function fieldsOf(record: Bai2Record): string[] {
  return [record.body, ...record.continuations.map((continuation) => continuation.body)]
    .join(',')
    .split(',')
    .map((field) => field.trim());
}
