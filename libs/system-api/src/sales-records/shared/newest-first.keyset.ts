import { type CursorKey, decodeCursor } from '@o2c/http';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
}

export interface KeyedRow<T> {
  key: CursorKey;
  entity: T;
}

const CURSOR_COLUMN = 'keyset_created_at';
/**
 * Runs a keyset page ordered by created_at desc, id desc, fetching one extra row for toPage.
 * The cursor carries created_at as text with microseconds: a JS Date would cut them off and
 * rows created within the same millisecond would be skipped or repeated.
 */
export async function fetchNewestFirst<T extends ObjectLiteral & { id: string }>(
  builder: SelectQueryBuilder<T>,
  query: PageQuery,
): Promise<KeyedRow<T>[]> {
  const alias = builder.alias;
  const createdAt = `"${alias}"."created_at"`;
  // (created_at, id) of the last row.
  const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  if (after) {
    builder.andWhere(
      `(${createdAt}, "${alias}"."id") < (CAST(:keysetAt AS timestamptz), CAST(:keysetId AS uuid))`,
      {
        keysetAt: after[0],
        keysetId: after[1],
      },
    );
  }
  builder
    .addSelect(
      `to_char(${createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      CURSOR_COLUMN,
    )
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(query.limit + 1);
  const { entities, raw } = await builder.getRawAndEntities<Record<string, unknown>>();
  const cursorById = new Map(
    raw.map((row) => [String(row[`${alias}_id`]), String(row[CURSOR_COLUMN])]),
  );
  return entities.map((entity) => ({ key: [cursorById.get(entity.id) ?? '', entity.id], entity }));
}
