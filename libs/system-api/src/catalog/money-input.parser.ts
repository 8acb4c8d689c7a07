import { assertNotNegative, formatAmount, parseMoney } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { MoneyBody } from './item.contract';

/**
 * A price or cost from the request: a well-formed, non-negative amount with no more decimals
 * than its currency has, in `currency` (the item's or the agreement's). `path` is the JSON
 * pointer of the Money object, e.g. '/body/listPrice'.
 */
export function parsePriceAmount(
  money: MoneyBody,
  currency: string,
  path: string,
  owner: 'item' | 'agreement',
): string {
  const parsed = parseMoney(money.amount, money.currency, `${path}/amount`, `${path}/currency`);
  assertNotNegative(parsed, `${path}/amount`);
  if (parsed.currency !== currency) {
    throw ProblemException.invalid(
      `${path}/currency`,
      `same-as-${owner}-currency`,
      `the amount must be in the ${owner}'s currency ${currency}`,
    );
  }
  return formatAmount(parsed);
}
