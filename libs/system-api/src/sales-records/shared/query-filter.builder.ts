import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Adds `condition` when the client sent the filter `name`; the condition refers to the value
 * as `:name` (or `:...name` for a list), so the SQL reads like the contract's parameter.
 */
export function whereGiven<T extends ObjectLiteral, Q extends object>(
  builder: SelectQueryBuilder<T>,
  query: Q,
  name: keyof Q & string,
  condition: string,
): void {
  const value = query[name];
  if (value !== undefined) builder.andWhere(condition, { [name]: value });
}
