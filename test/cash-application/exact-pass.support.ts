import type { CashClient } from './cash.client';

/**
 * Every id and number of one customer in the texts of `value` replaced, in one pass, by a name
 * two customers share (`names`: whole ids, numbers and digits; each stands alone, the longest
 * wins), so what two customers got can be compared.
 */
export function neutral(value: unknown, names: Map<string, string>): unknown {
  const escaped = [...names.keys()]
    .sort((a, b) => b.length - a.length)
    .map((from) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w.])(?:${escaped.join('|')})(?![\\w.])`, 'g');
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string')
      return item.replace(pattern, (found) => names.get(found) ?? found);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry)]));
    }
    return item;
  };
  return walk(value);
}

/** Until the exact-reference statement of some batch waits for a row lock (10 s at most). */
export async function exactPassWaiting(cash: CashClient): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await cash.sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%WITH minor AS%'`,
    );
    if ((row?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the exact pass never waited for the invoice');
}
