import { type FindOperator, type ObjectLiteral, Raw, type SelectQueryBuilder } from 'typeorm';
import type { AccountScope } from '../principal/principal';

/** The one parameter name the restriction binds; callers' own filters never use it. */
const SCOPE_PARAMETER = 'accountScope';

/**
 * The SQL condition that keeps a query inside a principal's accounts, or undefined for 'all'.
 * `accountColumn` is any expression yielding the owning customer id (a column, or a scalar
 * subquery when ownership runs through a parent row). A NULL owner (a payment from an unknown
 * payer) never matches, so such rows stay visible to 'all' principals only.
 */
export function accountScopeCondition(
  accountColumn: string,
  scope: AccountScope,
): { condition: string; parameters: Record<string, string[]> } | undefined {
  if (scope === 'all') return undefined;
  return {
    condition: `${accountColumn} = ANY(:${SCOPE_PARAMETER})`,
    parameters: { [SCOPE_PARAMETER]: [...scope] },
  };
}

/** Adds the account restriction to a list or single-row query (AND-ed with its filters), so a
 *  filter naming another account's customer yields an empty page, not an error. */
export function restrictToAccountScope<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  accountColumn: string,
  scope: AccountScope,
): SelectQueryBuilder<T> {
  const restriction = accountScopeCondition(accountColumn, scope);
  return restriction ? builder.andWhere(restriction.condition, restriction.parameters) : builder;
}

/**
 * The same restriction for TypeORM find options: spread it into `where`, e.g.
 * `{ where: { id, ...accountScopeWhere('customerId', scope) } }`. Nothing is added for 'all'.
 */
export function accountScopeWhere<K extends string>(
  property: K,
  scope: AccountScope,
): Partial<Record<K, FindOperator<string>>> {
  if (scope === 'all') return {};
  const ids = [...scope];
  return {
    [property]: Raw((column) => `${column} = ANY(:${SCOPE_PARAMETER})`, {
      [SCOPE_PARAMETER]: ids,
    }),
  } as Partial<Record<K, FindOperator<string>>>;
}
