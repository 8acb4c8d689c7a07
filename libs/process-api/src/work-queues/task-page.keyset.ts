import { ApiErrorCode, type CursorKey, decodeCursor, ProblemException } from '@o2c/http';
import type { Task } from '@o2c/persistence';
import type { SelectQueryBuilder } from 'typeorm';
import type { TaskSort } from './task.contract';

/** Tasks without a due time sort after every dated one (and compare as 'infinity'). */
const DUE_KEY = `COALESCE("task"."sla_due_at", 'infinity'::timestamptz)`;
const DUE_TEXT = `CASE WHEN "task"."sla_due_at" IS NULL THEN 'infinity' ELSE to_char("task"."sla_due_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END`;
export const DUE_KEY_COLUMN = 'keyset_due_at';

const DUE = /^(?:infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TaskKey {
  due: string;
  priority: number;
  id: string;
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

/** The cursor is the last row's sort key; it names its sort so a page cannot switch order. */
function decodeTaskCursor(cursor: string | undefined, sort: TaskSort): TaskKey | undefined {
  const key = decodeCursor(cursor, 4);
  if (!key) return undefined;
  const [keySort, due, priority, id] = key;
  if (
    keySort !== sort ||
    typeof due !== 'string' ||
    !DUE.test(due) ||
    typeof priority !== 'number' ||
    !Number.isInteger(priority) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  ) {
    throw invalidCursor();
  }
  return { due, priority, id };
}

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
  const after = decodeTaskCursor(cursor, sort);
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
