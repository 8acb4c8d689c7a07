/**
 * Why a remittance file was rejected. Stable codes (they travel as `code` in problem+json and
 * are never renamed); the HTTP layer maps each one in one exhaustive switch. A rejected file
 * is rejected whole: nothing of it is imported.
 */
export enum RemittanceFileErrorCode {
  /** Not a camt.05x, BAI2 or X12 820 file, or empty. */
  UNRECOGNISED_FORMAT = 'REMITTANCE_FILE.UNRECOGNISED_FORMAT',
  /** A known format in a version or message type we do not read. */
  UNSUPPORTED_VERSION = 'REMITTANCE_FILE.UNSUPPORTED_VERSION',
  /** The syntax is broken: XML not well-formed, a record or segment that cannot be read. */
  MALFORMED = 'REMITTANCE_FILE.MALFORMED',
  /** A mandatory element, field or segment is missing. */
  MISSING_ELEMENT = 'REMITTANCE_FILE.MISSING_ELEMENT',
  /** Records or segments out of the order the format prescribes. */
  STRUCTURE = 'REMITTANCE_FILE.STRUCTURE',
  /** A value of the wrong form: a date that is not a date, a number that is not a number. */
  INVALID_VALUE = 'REMITTANCE_FILE.INVALID_VALUE',
  UNKNOWN_CURRENCY = 'REMITTANCE_FILE.UNKNOWN_CURRENCY',
  TOO_MANY_DECIMALS = 'REMITTANCE_FILE.TOO_MANY_DECIMALS',
  NEGATIVE_AMOUNT = 'REMITTANCE_FILE.NEGATIVE_AMOUNT',
  /** A declared control total (sum) differs from the sum of what the file contains. */
  CONTROL_TOTAL_MISMATCH = 'REMITTANCE_FILE.CONTROL_TOTAL_MISMATCH',
  /** A declared count (records, entries, segments, groups) differs from what the file contains. */
  COUNT_MISMATCH = 'REMITTANCE_FILE.COUNT_MISMATCH',
  /** A trailer's control number differs from its header's (X12 SE02/ST02, GE02/GS06, IEA02/ISA13). */
  CONTROL_NUMBER_MISMATCH = 'REMITTANCE_FILE.CONTROL_NUMBER_MISMATCH',
  /** Larger than the importer accepts. */
  TOO_LARGE = 'REMITTANCE_FILE.TOO_LARGE',
}

/** Where in the file: every field that applies is set. */
export interface RemittanceFileLocation {
  /** 1-based physical line. */
  readonly line?: number;
  /** BAI2 record code ('16') or X12 segment id ('BPR'). */
  readonly record?: string;
  /** X12 segment position in the interchange, 1-based. */
  readonly segment?: number;
  /** BAI2 field or X12 element, e.g. 'BPR02', 'field 3 (amount)'. */
  readonly element?: string;
  /** XML path, e.g. '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt'. */
  readonly path?: string;
}

/**
 * A location, or how to build it: parsers pass a function where building the location for
 * every value read would cost more than the value (it is only needed when reading fails).
 */
export type RemittanceFileLocationOf = RemittanceFileLocation | (() => RemittanceFileLocation);

export function locationOf(where: RemittanceFileLocationOf): RemittanceFileLocation {
  return typeof where === 'function' ? where() : where;
}

export class RemittanceFileError extends Error {
  override readonly name = 'RemittanceFileError';
  readonly code: RemittanceFileErrorCode;
  readonly location: RemittanceFileLocation;

  constructor(
    code: RemittanceFileErrorCode,
    message: string,
    location: RemittanceFileLocation = {},
  ) {
    super(`${describeLocation(location)}${message}`);
    this.code = code;
    this.location = location;
  }

  /** One string naming the place, for problem+json `errors[].path`: 'line 12, 16 field 3'. */
  get pointer(): string {
    return describeLocation(this.location).replace(/: $/, '');
  }
}

export function isRemittanceFileError(error: unknown): error is RemittanceFileError {
  return error instanceof RemittanceFileError;
}

function describeLocation(location: RemittanceFileLocation): string {
  const parts: string[] = [];
  if (location.path !== undefined) parts.push(location.path);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.segment !== undefined) parts.push(`segment ${location.segment}`);
  if (location.record !== undefined && location.element !== undefined) {
    parts.push(`${location.record} ${location.element}`);
  } else if (location.record !== undefined) {
    parts.push(`record ${location.record}`);
  } else if (location.element !== undefined) {
    parts.push(location.element);
  }
  return parts.length === 0 ? '' : `${parts.join(', ')}: `;
}
