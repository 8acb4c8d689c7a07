import { ApiErrorCode } from '../problem/api-error-code';
import { ProblemException } from '../problem/problem.exception';

export type CursorKey = readonly (string | number)[];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursors: opaque to clients, the last row's sort key underneath. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through to the problem below
  }
  throw new ProblemException(ApiErrorCode.INVALID_CURSOR, 'The cursor was not issued by this API', [
    { path: '/query/cursor', rule: 'cursor', message: 'not a cursor returned by a previous page' },
  ]);
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
