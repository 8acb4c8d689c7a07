import { type CursorKey, decodeCursor } from '@o2c/http';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The selected text of the keyset time (microseconds, UTC), so a cursor loses nothing. */
export const KEYSET_AT = 'keyset_at';

export type KeysetDirection = 'newest' | 'oldest';

/**
 * Orders a query by a creation time then id (newest or oldest first), continuing after the
 * cursor's row, and selects the time as text with microseconds for the next cursor. The
 * cursor names its direction so a page cannot switch order. Fetches `limit + 1` rows.
 */
export function orderByCreatedAt<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  direction: KeysetDirection,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const column = `"${alias}"."created_at"`;
  const id = `"${alias}"."id"`;
  const key = decodeCursor(cursor, [{ equals: direction }, 'timestamp', 'uuid']);
  if (key) {
    const [, at, keyId] = key;
    const comparison = direction === 'newest' ? '<' : '>';
    builder.andWhere(
      `(${column}, ${id}) ${comparison} (CAST(:keysetAt AS timestamptz), CAST(:keysetId AS uuid))`,
      { keysetAt: at, keysetId: keyId },
    );
  }
  const order = direction === 'newest' ? 'DESC' : 'ASC';
  return builder
    .addSelect(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, KEYSET_AT)
    .orderBy(column, order)
    .addOrderBy(id, order)
    .limit(limit + 1);
}

export function createdAtCursorKey(direction: KeysetDirection, at: string, id: string): CursorKey {
  return [direction, at, id];
}

/** Entities with their keyset time, in the query's order (getRawAndEntities keeps both). */
export async function entitiesWithKeys<T extends ObjectLiteral & { id: string }>(
  builder: SelectQueryBuilder<T>,
  alias: string,
): Promise<{ entity: T; at: string }[]> {
  const { entities, raw } = await builder.getRawAndEntities<Record<string, unknown>>();
  const atById = new Map(raw.map((row) => [String(row[`${alias}_id`]), String(row[KEYSET_AT])]));
  return entities.map((entity) => ({ entity, at: atById.get(entity.id) ?? '' }));
}
