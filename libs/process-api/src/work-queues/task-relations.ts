import type { RelatedObject } from '@o2c/persistence';
import { ORDER_SUBJECT, type TaskRecord } from './task.repository';

/** The event log's object type for orders (as order intake writes it). */
export const ORDER_OBJECT = 'order';

/** The objects a task's events touch besides the task (OCEL 2.0 event-to-object relations). */
export function taskRelations({ task, hold }: Pick<TaskRecord, 'task' | 'hold'>): RelatedObject[] {
  const subjectType = task.subjectType === ORDER_SUBJECT ? ORDER_OBJECT : task.subjectType;
  const related: RelatedObject[] = [
    { type: subjectType, id: task.subjectId, qualifier: 'subject' },
  ];
  if (hold) related.push({ type: 'hold', id: hold.id, qualifier: 'hold' });
  return related;
}
