import { type CursorKey, decodeCursor } from '@o2c/http';
import type { Task } from '@o2c/persistence';
import type { SelectQueryBuilder } from 'typeorm';
import type { TaskSort } from './task.contract';

/** Tasks without a due time sort after every dated one (and compare as 'infinity'). */
const DUE_KEY = `COALESCE("task"."sla_due_at", 'infinity'::timestamptz)`;
const DUE_TEXT = `CASE WHEN "task"."sla_due_at" IS NULL THEN 'infinity' ELSE to_char("task"."sla_due_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`;
export const DUE_KEY_COLUMN = 'keyset_due_at';

export function taskCursorKey(sort: TaskSort, due: string, task: Task): CursorKey {
  return [sort, due, task.priority, task.id];
}

/**
 * Orders a task query by due time (then priority) or by priority (then due time), id last,
 * continuing after the cursor's row; the due key is selected as text with microseconds so the
 * cursor loses nothing. Fetches `limit + 1` rows for toPage.
 */
export function orderTaskPage(
  builder: SelectQueryBuilder<Task>,
  sort: TaskSort,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<Task> {
  // The last row's sort key; it names its sort so a page cannot switch order.
  const key = decodeCursor(cursor, [{ equals: sort }, 'timestamp-or-infinity', 'int', 'uuid']);
  const after = key && { due: key[1], priority: key[2], id: key[3] };
  const columns =
    sort === 'dueAt'
      ? [DUE_KEY, '"task"."priority"', '"task"."id"']
      : ['"task"."priority"', DUE_KEY, '"task"."id"'];
  if (after) {
    const values =
      sort === 'dueAt'
        ? [
            'CAST(:keysetDue AS timestamptz)',
            'CAST(:keysetPriority AS integer)',
            'CAST(:keysetId AS uuid)',
          ]
        : [
            'CAST(:keysetPriority AS integer)',
            'CAST(:keysetDue AS timestamptz)',
            'CAST(:keysetId AS uuid)',
          ];
    builder.andWhere(`(${columns.join(', ')}) > (${values.join(', ')})`, {
      keysetDue: after.due,
      keysetPriority: after.priority,
      keysetId: after.id,
    });
  }
  builder.addSelect(DUE_TEXT, DUE_KEY_COLUMN);
  columns.forEach((column, index) =>
    index === 0 ? builder.orderBy(column, 'ASC') : builder.addOrderBy(column, 'ASC'),
  );
  return builder.limit(limit + 1);
}
