import { parseBai2File } from './bai2/bai2-file.parser';
import { parseCamtMessage } from './camt/camt-message.parser';
import { RemittanceFileError, RemittanceFileErrorCode } from './remittance-file.error';
import type { ParsedRemittanceFile, RemittanceFileFormat } from './remittance.model';
import { parseX12RemittanceAdvice } from './x12/x12-820.parser';

export interface ParseRemittanceFileOptions {
  /** The format the caller expects; detected from the content when absent. */
  readonly format?: RemittanceFileFormat;
  /** Larger files are refused before parsing (default 50 MiB). */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Reads a bank or remittance file into canonical remittances: ISO 20022 camt.052/053/054,
 * BAI2, or X12 820. Pure: no I/O, no clock. A file that cannot be read whole is rejected with
 * a RemittanceFileError naming the line, record, segment, element or XML path that failed.
 */
export function parseRemittanceFile(
  content: string | Uint8Array,
  options: ParseRemittanceFileOptions = {},
): ParsedRemittanceFile {
  const size =
    typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > limit) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.TOO_LARGE,
      `the file has ${size} bytes; at most ${limit} are accepted`,
    );
  }
  const text = decode(content).replace(/^\uFEFF/, '');
  const detected = detectFormat(text);
  if (options.format !== undefined && !sameFamily(options.format, detected)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
      `expected a ${options.format} file, but this is ${detected ?? 'no known format'}`,
      { line: 1 },
    );
  }
  let parsed: ParsedRemittanceFile;
  switch (detected) {
    case 'camt':
      parsed = parseCamtMessage(text, content);
      break;
    case 'bai2':
      parsed = parseBai2File(text, content);
      break;
    case 'x12_820':
      parsed = parseX12RemittanceAdvice(text, content);
      break;
    case null:
      throw new RemittanceFileError(
        RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
        text.trim() === ''
          ? 'the file is empty'
          : 'not an ISO 20022 camt message, a BAI2 file or an X12 interchange',
        { line: 1 },
      );
  }
  if (options.format !== undefined && parsed.format !== options.format) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
      `expected a ${options.format} file, but this is ${parsed.format}`,
      { line: 1 },
    );
  }
  return parsed;
}

type Family = 'camt' | 'bai2' | 'x12_820';

export function detectFormat(text: string): Family | null {
  const start = text.trimStart();
  if (start.startsWith('<')) return 'camt';
  // BAI2 records start with a two-digit code and a comma; the reader names a wrong first one.
  if (/^\d{2},/.test(start)) return 'bai2';
  if (start.startsWith('ISA')) return 'x12_820';
  return null;
}

function sameFamily(format: RemittanceFileFormat, detected: Family | null): boolean {
  return detected === (format.startsWith('camt') ? 'camt' : format);
}

/** UTF-8, unless an XML declaration says ISO-8859-1 / Latin-1; invalid UTF-8 is refused. */
function decode(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  const head = new TextDecoder('latin1').decode(content.subarray(0, 200));
  const latin = /<\?xml[^>]*encoding=["'](ISO-8859-1|LATIN1|WINDOWS-1252)["']/i.test(head);
  try {
    return new TextDecoder(latin ? 'latin1' : 'utf-8', { fatal: true }).decode(content);
  } catch {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      'the file is not valid UTF-8 text',
    );
  }
}
