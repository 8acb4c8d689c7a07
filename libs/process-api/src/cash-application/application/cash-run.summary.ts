import { type CurrencyCode, Decimal, formatAmount, moneyOf } from '@o2c/domain';

interface Tally {
  count: number;
  amounts: Map<string, Decimal>;
}

const tally = (): Tally => ({ count: 0, amounts: new Map() });

function add(target: Tally, currency: string, amount: Decimal, count = 1): void {
  target.count += count;
  target.amounts.set(currency, (target.amounts.get(currency) ?? new Decimal(0)).plus(amount));
}

function present(target: Tally) {
  return {
    count: target.count,
    amounts: [...target.amounts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, amount]) => ({
        amount: formatAmount(moneyOf(amount, currency as CurrencyCode)),
        currency,
      })),
  };
}

/**
 * What cash application made of a set of payments: applications by rule (count and cash per
 * currency), credit put on account, payments with cash waiting in the queue, unidentified
 * payers, deductions opened. Merged across the batches of a file.
 */
export class CashRunSummary {
  payments = 0;
  readonly applied = tally();
  readonly byRule = new Map<string, Tally>();
  readonly onAccount = tally();
  readonly inReview = tally();
  readonly unidentified = tally();
  readonly deductions = tally();
  elapsedMs = 0;

  application(rule: string, currency: string, amount: Decimal): void {
    this.applications(rule, currency, amount, 1);
  }

  /** `count` applications of one rule and currency, `amount` the cash they took together. */
  applications(rule: string, currency: string, amount: Decimal, count: number): void {
    add(this.applied, currency, amount, count);
    let byRule = this.byRule.get(rule);
    if (byRule === undefined) {
      byRule = tally();
      this.byRule.set(rule, byRule);
    }
    add(byRule, currency, amount, count);
  }

  putOnAccount(currency: string, amount: Decimal): void {
    add(this.onAccount, currency, amount);
  }

  waiting(currency: string, amount: Decimal, unidentified: boolean): void {
    add(unidentified ? this.unidentified : this.inReview, currency, amount);
  }

  deduction(currency: string, amount: Decimal): void {
    add(this.deductions, currency, amount);
  }

  merge(other: CashRunSummary): void {
    this.payments += other.payments;
    const mergeTally = (target: Tally, source: Tally) => {
      target.count += source.count;
      for (const [currency, amount] of source.amounts) add(target, currency, amount, 0);
    };
    mergeTally(this.applied, other.applied);
    mergeTally(this.onAccount, other.onAccount);
    mergeTally(this.inReview, other.inReview);
    mergeTally(this.unidentified, other.unidentified);
    mergeTally(this.deductions, other.deductions);
    for (const [rule, source] of other.byRule) {
      let target = this.byRule.get(rule);
      if (target === undefined) {
        target = tally();
        this.byRule.set(rule, target);
      }
      mergeTally(target, source);
    }
  }

  toJSON() {
    return {
      payments: this.payments,
      applied: present(this.applied),
      byRule: Object.fromEntries(
        [...this.byRule.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([rule, value]) => [rule, present(value)]),
      ),
      onAccount: present(this.onAccount),
      inReview: present(this.inReview),
      unidentified: present(this.unidentified),
      deductions: present(this.deductions),
      elapsedMs: this.elapsedMs,
    };
  }
}
