export enum DemoDataErrorCode {
  /** Options out of range (counts, seed, asOf). */
  INVALID_OPTIONS = 'DEMO_DATA.INVALID_OPTIONS',
  /** A table the demo data writes already holds rows; nothing was written. */
  NOT_EMPTY = 'DEMO_DATA.NOT_EMPTY',
  /** The database schema does not match what the generator writes (migrations not run?). */
  SCHEMA_MISMATCH = 'DEMO_DATA.SCHEMA_MISMATCH',
}

export class DemoDataError extends Error {
  constructor(
    readonly code: DemoDataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DemoDataError';
  }
}

export function isDemoDataError(error: unknown): error is DemoDataError {
  return error instanceof DemoDataError;
}
