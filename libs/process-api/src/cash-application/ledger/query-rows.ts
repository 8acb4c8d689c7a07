import type { EntityManager } from 'typeorm';

/**
 * The rows a statement returned. TypeORM answers an UPDATE or DELETE with `[rows, count]`
 * instead of the rows (a SELECT or INSERT with the rows themselves); rows are objects, so the
 * two shapes cannot be confused.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
