import { Decimal } from '../decimal/decimal';
import { AMOUNT_INPUT, nonNegativeDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { ResolvedUnitPrice } from '../pricing/contract-price.resolver';
import { checkMargin } from '../pricing/margin-floor.policy';
import { decideRequestedPrice, type PriceToleranceAction } from '../pricing/requested-price.policy';

/** Unit prices are kept (and charged) with at most this many decimals, per ordered unit. */
export const UNIT_PRICE_DECIMALS = 4;

export type LinePriceSource = 'contract' | 'list' | 'corrected';
export type PricingHoldReason = 'PRICE.OUTSIDE_TOLERANCE' | 'PRICE.BELOW_MARGIN_FLOOR';

export interface LinePricingInput {
  /** From resolveUnitPrice: the contract or list price per base unit. */
  readonly resolved: ResolvedUnitPrice;
  /** Base units in one ordered unit (1 when ordered in the base unit). */
  readonly unitsPerUom: Decimal;
  /** What the customer expects per ordered unit, or null. */
  readonly requestedUnitPrice: Decimal | null;
  readonly tolerancePercent: Decimal;
  readonly action: PriceToleranceAction;
  /** Per base unit. */
  readonly standardCost: Decimal;
  readonly marginFloorPercent: Decimal | null;
}

export interface LinePricing {
  /** The contract price per ordered unit, or null when the list price applies. */
  readonly contractUnitPrice: Decimal | null;
  /** The price charged per ordered unit. */
  readonly unitPrice: Decimal;
  /** corrected: the customer asked for a price outside tolerance and was charged this one. */
  readonly priceSource: LinePriceSource;
  /** Requested against resolved price in percent (signed); null without a requested price. */
  readonly deviationPercent: Decimal | null;
  readonly marginPercent: Decimal;
  /** Why the line needs a pricing review; empty when it needs none. */
  readonly holdReasons: readonly PricingHoldReason[];
}

/**
 * Prices one order line in the unit it was ordered in. Contract and list prices are per base
 * unit, so they are scaled to the ordered unit and rounded half up to 4 decimals once, before
 * anything compares or multiplies them: the price compared is the price stored and charged.
 * The charged price is always the resolved one (see decideRequestedPrice); a requested price
 * outside tolerance either marks the line `corrected` or asks for a pricing review, per the
 * customer's policy. A margin below the customer's floor (on the charged price, against the
 * standard cost of the same quantity) always asks for a pricing review.
 */
export function priceOrderLine(input: LinePricingInput): LinePricing {
  const unitsPerUom = nonNegativeDecimal(input.unitsPerUom, 'unitsPerUom', AMOUNT_INPUT);
  if (unitsPerUom.isZero()) {
    throw new DomainError(
      DomainErrorCode.UOM_INVALID_CONVERSION,
      'unitsPerUom must be above zero',
      'unitsPerUom',
    );
  }
  const perBase = nonNegativeDecimal(input.resolved.unitPrice, 'resolved.unitPrice', AMOUNT_INPUT);
  const resolved = perUom(perBase, unitsPerUom);
  const decision = decideRequestedPrice({
    resolved,
    requested: input.requestedUnitPrice,
    tolerancePercent: input.tolerancePercent,
    action: input.action,
  });
  const margin = checkMargin({
    unitPrice: decision.unitPrice,
    standardCost: nonNegativeDecimal(input.standardCost, 'standardCost', AMOUNT_INPUT).times(
      unitsPerUom,
    ),
    floorPercent: input.marginFloorPercent,
  });

  const holdReasons: PricingHoldReason[] = [];
  if (decision.outcome === 'hold') holdReasons.push('PRICE.OUTSIDE_TOLERANCE');
  if (margin.belowFloor) holdReasons.push('PRICE.BELOW_MARGIN_FLOOR');
  return {
    contractUnitPrice: input.resolved.source === 'contract' ? resolved : null,
    unitPrice: decision.unitPrice,
    priceSource: decision.outcome === 'correct' ? 'corrected' : input.resolved.source,
    deviationPercent: decision.deviationPercent,
    marginPercent: margin.marginPercent,
    holdReasons,
  };
}

/** A per-base-unit price as the price of one ordered unit, at the stored precision. */
export function perUom(perBaseUnit: Decimal, unitsPerUom: Decimal): Decimal {
  return perBaseUnit.times(unitsPerUom).toDecimalPlaces(UNIT_PRICE_DECIMALS, Decimal.ROUND_HALF_UP);
}
