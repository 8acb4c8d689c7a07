import { isCalendarDate } from '@o2c/domain';
import { ApiErrorCode } from '../problem/api-error-code';
import { ProblemException } from '../problem/problem.exception';

export type CursorKey = readonly (string | number)[];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What one part of a cursor must be. Call sites bind the parts as SQL parameters cast to a
 * type, so each part is checked against what that cast accepts (and what the site issues):
 * a forged cursor is a 400 here, never an invalid-input error from the database.
 *
 * - `int`: a JSON number, an integer from 0 to 2,147,483,647 (a PostgreSQL `integer`);
 * - `bigint`: a string of 1 to 18 digits (a `bigint` the site issues as text);
 * - `uuid`: a UUID in its hyphenated text form;
 * - `timestamp`: an instant as `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
 *   writes it, e.g. `2026-03-06T14:05:09.123456Z`;
 * - `timestamp-or-infinity`: the same, or `infinity`;
 * - `postgres-timestamp`: a `timestamptz` as PostgreSQL writes it as text (ISO date style),
 *   e.g. `2026-03-06 14:05:09.12345+00` or `2026-03-06 09:35:09+05:30`;
 * - `date`: a calendar date, `YYYY-MM-DD`;
 * - `decimal`: a plain decimal string (`-12.50`, `0`), as `numeric::text` writes it;
 * - `text`: any string PostgreSQL stores as text (no NUL character);
 * - `{ equals }`: exactly this string (a sort or direction the cursor was issued for).
 */
export type CursorPart =
  | 'int'
  | 'bigint'
  | 'uuid'
  | 'timestamp'
  | 'timestamp-or-infinity'
  | 'postgres-timestamp'
  | 'date'
  | 'decimal'
  | 'text'
  | { readonly equals: string };

/** The decoded key: a number for `int` parts, a string for every other part. */
export type DecodedCursor<Parts extends readonly CursorPart[]> = {
  -readonly [Index in keyof Parts]: Parts[Index] extends 'int' ? number : string;
};

const MAX_INT = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_TEXT = /^\d{1,18}$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
const POSTGRES_INSTANT =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2})(?::(\d{2}))?)?$/;

/** Keyset cursors: opaque to clients, the last row's sort key underneath. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The key inside a cursor this API issued, each part checked against `parts` (see CursorPart);
 * undefined when the client sent none. Anything else is a 400 naming /query/cursor.
 */
export function decodeCursor<const Parts extends readonly CursorPart[]>(
  cursor: string | undefined,
  parts: Parts,
): DecodedCursor<Parts> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    Array.isArray(key) &&
    key.length === parts.length &&
    parts.every((part, index) => isPart(part, key[index]))
  ) {
    return key as DecodedCursor<Parts>;
  }
  throw invalidCursor();
}

function invalidCursor(): ProblemException {
  return new ProblemException(
    ApiErrorCode.INVALID_CURSOR,
    'The cursor was not issued by this API',
    [
      {
        path: '/query/cursor',
        rule: 'cursor',
        message: 'not a cursor returned by a previous page',
      },
    ],
  );
}

function isPart(part: CursorPart, value: unknown): boolean {
  if (typeof part === 'object') return value === part.equals;
  if (part === 'int') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INT;
  }
  if (typeof value !== 'string') return false;
  switch (part) {
    case 'bigint':
      return BIGINT_TEXT.test(value);
    case 'uuid':
      return UUID.test(value);
    case 'timestamp':
      return isIsoInstant(value);
    case 'timestamp-or-infinity':
      return value === 'infinity' || isIsoInstant(value);
    case 'postgres-timestamp':
      return isPostgresInstant(value);
    case 'date':
      return isCalendarDate(value);
    case 'decimal':
      return DECIMAL.test(value);
    case 'text':
      return !value.includes('\u0000');
  }
}

function isClockTime(hour: string, minute: string, second: string): boolean {
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
}

function isIsoInstant(text: string): boolean {
  const match = ISO_INSTANT.exec(text);
  return match !== null && isCalendarDate(match[1]) && isClockTime(match[2], match[3], match[4]);
}

function isPostgresInstant(text: string): boolean {
  const match = POSTGRES_INSTANT.exec(text);
  if (match === null || !isCalendarDate(match[1]) || !isClockTime(match[2], match[3], match[4])) {
    return false;
  }
  const [offsetHours, offsetMinutes = '0', offsetSeconds = '0'] = match.slice(5);
  return Number(offsetHours) <= 15 && Number(offsetMinutes) <= 59 && Number(offsetSeconds) <= 59;
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and makes the next cursor. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorKey,
  present: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
