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

/** A unit price as the API shows it: at least the currency's minor units, up to its own. */
function unitPriceShown(customer: CustomerAccount) {
  const places = minorUnits(parseCurrency(customer.currency));
  return (amount: Decimal | null) =>
    amount === null
      ? null
      : {
          amount: amount.toFixed(Math.max(places, amount.decimalPlaces())),
          currency: customer.currency,
        };
}

/** What the pricing reviewer sees: per held line, requested against contract, and margin. */
export function pricingEvidence(
  lines: { lineNumber: number; line: PricedLine }[],
  customer: CustomerAccount,
): Record<string, unknown> {
  const unitPrice = unitPriceShown(customer);
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

/**
 * The lines whose requested price was outside the customer's tolerance and, by the customer's
 * policy, corrected to the resolved price (charged instead of held); null when none was.
 * Recorded as `order.price_corrected`, so the correction is on the order's timeline with what
 * was asked, what is charged and by which rule.
 */
export function priceCorrections(
  lines: { lineNumber: number; line: PricedLine }[],
  customer: CustomerAccount,
): Record<string, unknown> | null {
  const corrected = lines.filter(({ line }) => line.pricing.priceSource === 'corrected');
  if (corrected.length === 0) return null;
  const unitPrice = unitPriceShown(customer);
  return {
    reason: 'PRICE.OUTSIDE_TOLERANCE',
    tolerancePercent: customer.priceTolerancePercent.toFixed(),
    deviationAction: customer.priceDeviationAction,
    lines: corrected.map(({ line, lineNumber }) => ({
      lineNumber,
      sku: line.item.sku,
      uom: line.uom,
      requestedUnitPrice: unitPrice(line.requestedUnitPrice),
      unitPrice: unitPrice(line.pricing.unitPrice),
      contractUnitPrice: unitPrice(line.pricing.contractUnitPrice),
      deviationPercent: line.pricing.deviationPercent?.toFixed() ?? null,
    })),
  };
}
