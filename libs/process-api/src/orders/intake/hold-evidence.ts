import {
  type CreditDecision,
  type Decimal,
  formatAmount,
  minorUnits,
  moneyOf,
  parseCurrency,
} from '@o2c/domain';
import type { CustomerAccount } from '../persistence/customer-account.repository';
import type { PricedLine } from './order-lines.pricer';

type CreditHold = Extract<CreditDecision, { outcome: 'hold' }>;

/** Money as the API shows it: a decimal string at the currency's minor units. */
function money(amount: Decimal, currency: string) {
  return { amount: formatAmount(moneyOf(amount, parseCurrency(currency))), currency };
}

/** What the credit reviewer sees: every figure the decision was taken on. */
export function creditEvidence(decision: CreditHold, currency: string): Record<string, unknown> {
  const { evidence } = decision;
  return {
    creditLimit: money(evidence.creditLimit, currency),
    exposureBefore: money(evidence.exposureBefore, currency),
    orderTotal: money(evidence.orderTotal, currency),
    exposureAfter: money(evidence.exposureAfter, currency),
    overrun: money(evidence.overrun, currency),
    overrunPercent: evidence.overrunPercent.toFixed(2),
    overdue: evidence.overdue.map((bucket) => ({
      bucket: bucket.bucket,
      amount: money(bucket.amount, currency),
    })),
    oldestOverdueDays: evidence.oldestOverdueDays,
    overdueDaysLimit: evidence.overdueDaysLimit,
  };
}

/** What the pricing reviewer sees: per held line, requested against contract, and margin. */
export function pricingEvidence(
  lines: { lineNumber: number; line: PricedLine }[],
  customer: CustomerAccount,
): Record<string, unknown> {
  const places = minorUnits(parseCurrency(customer.currency));
  const unitPrice = (amount: Decimal | null) =>
    amount === null
      ? null
      : {
          amount: amount.toFixed(Math.max(places, amount.decimalPlaces())),
          currency: customer.currency,
        };
  return {
    tolerancePercent: customer.priceTolerancePercent.toFixed(),
    deviationAction: customer.priceDeviationAction,
    marginFloorPercent: customer.marginFloorPercent?.toFixed() ?? null,
    lines: lines
      .filter(({ line }) => line.pricing.holdReasons.length > 0)
      .map(({ line, lineNumber }) => ({
        lineNumber,
        sku: line.item.sku,
        uom: line.uom,
        reasons: [...line.pricing.holdReasons],
        requestedUnitPrice: unitPrice(line.requestedUnitPrice),
        contractUnitPrice: unitPrice(line.pricing.contractUnitPrice),
        unitPrice: unitPrice(line.pricing.unitPrice),
        priceSource: line.pricing.priceSource,
        deviationPercent: line.pricing.deviationPercent?.toFixed() ?? null,
        marginPercent: line.pricing.marginPercent.toFixed(),
      })),
  };
}
