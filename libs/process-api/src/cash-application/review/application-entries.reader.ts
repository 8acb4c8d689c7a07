import { Decimal, parseMoney } from '@o2c/domain';
import type { ApplicationBody } from '../cash.contract';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import type { ManualEntry } from './manual-application.step';

/**
 * A person's application entries, amounts read in the payment's currency: more decimals than
 * it allows is MONEY.TOO_MANY_DECIMALS, a negative amount CASH.NEGATIVE_AMOUNT, each naming
 * its field (/body/applications/<n>/amount).
 */
export function readApplicationEntries(
  applications: readonly ApplicationBody[],
  currency: string,
  comment: string | null,
): ManualEntry[] {
  return applications.map((application, index) => {
    const path = `/body/applications/${index}`;
    const amount = (value: string | undefined, field: string): Decimal => {
      if (value === undefined) return new Decimal(0);
      const money = parseMoney(value, currency, `${path}/${field}`);
      if (money.amount.isNegative()) {
        throw cashProblem(
          CashErrorCode.NEGATIVE_AMOUNT,
          `${path}/${field}`,
          `${field} must not be negative, not ${value}`,
        );
      }
      return money.amount;
    };
    return {
      invoiceId: application.invoiceId,
      amount: amount(application.amount, 'amount'),
      discount: amount(application.discount, 'discount'),
      writeOff: amount(application.writeOff, 'writeOff'),
      rule: 'manual',
      confidence: null,
      reasons: [comment === null ? 'Applied by a person' : `Applied by a person: ${comment}`],
      origin: 'manual',
      path,
    };
  });
}
