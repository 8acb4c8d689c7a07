import type { Principal } from '@o2c/governance';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Which subscriptions a principal sees: internal staff every one; anyone else (a partner's
 * client) only partner subscriptions bound to its own accounts. Internal subscriptions bound to
 * an account stay invisible to that account's partner: their URLs are internal systems'.
 */
export function restrictToVisibleSubscriptions<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  if (principal.kind === 'internal') return builder;
  const accounts = principal.customerIds === 'all' ? null : [...principal.customerIds];
  builder.andWhere(`${alias}.subscriberKind = 'partner'`);
  if (accounts !== null)
    builder.andWhere(`${alias}.customerId = ANY(:visibleAccounts)`, { visibleAccounts: accounts });
  return builder;
}
