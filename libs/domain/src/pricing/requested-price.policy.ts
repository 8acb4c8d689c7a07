import { Decimal } from '../decimal/decimal';
import { AMOUNT_INPUT, nonNegativeDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** What to do with a line whose requested price is outside tolerance (a customer setting). */
export type PriceToleranceAction = 'hold' | 'correct';

export interface RequestedPriceInput {
  /** The price from `resolveUnitPrice`. */
  readonly resolved: Decimal;
  /** The unit price the customer sent, or null when none was sent. */
  readonly requested: Decimal | null;
  /** Allowed deviation in percent of the resolved price: 2 means 2 %. At least 0. */
  readonly tolerancePercent: Decimal;
  readonly action: PriceToleranceAction;
}

export type PriceDecision =
  | { outcome: 'accept'; unitPrice: Decimal; deviationPercent: Decimal | null }
  | {
      outcome: 'correct' | 'hold';
      unitPrice: Decimal;
      requestedUnitPrice: Decimal;
      deviationPercent: Decimal;
      reason: 'PRICE.OUTSIDE_TOLERANCE';
    };

/**
 * Compares the customer's requested price with the resolved one. The price charged is always
 * the resolved price: `correct` silently charges it (the acknowledgement shows the change),
 * `hold` sends the line to pricing review. Deviation is signed (negative: the customer asked
 * for less) and `|deviation| <= tolerance` accepts, so the limit itself is inside tolerance.
 * Against a zero resolved price any non-zero request is outside tolerance: the deviation has
 * no finite percent, and a free item priced by the customer needs a person.
 */
export function decideRequestedPrice(input: RequestedPriceInput): PriceDecision {
  const resolved = nonNegativeDecimal(input.resolved, 'resolved', AMOUNT_INPUT);
  const tolerance = nonNegativeDecimal(input.tolerancePercent, 'tolerancePercent', {
    invalid: DomainErrorCode.PRICE_INVALID_TOLERANCE,
    negative: DomainErrorCode.PRICE_INVALID_TOLERANCE,
  });
  if (input.action !== 'hold' && input.action !== 'correct') {
    throw new DomainError(
      DomainErrorCode.PRICE_INVALID_TOLERANCE,
      'action must be "hold" or "correct"',
      'action',
    );
  }
  if (input.requested === null) {
    return { outcome: 'accept', unitPrice: resolved, deviationPercent: null };
  }
  const requested = nonNegativeDecimal(input.requested, 'requested', AMOUNT_INPUT);

  const exact = resolved.isZero()
    ? requested.isZero()
      ? new Decimal(0)
      : new Decimal(100)
    : requested.minus(resolved).div(resolved).times(100);
  const within = resolved.isZero() ? requested.isZero() : exact.abs().lessThanOrEqualTo(tolerance);
  // Rounded away from zero so the recorded figure never understates the deviation: with a
  // tolerance of at most 2 decimals, a held line never shows a deviation inside tolerance.
  const deviationPercent = exact.toDecimalPlaces(2, Decimal.ROUND_UP);

  if (within) return { outcome: 'accept', unitPrice: resolved, deviationPercent };
  return {
    outcome: input.action,
    unitPrice: resolved,
    requestedUnitPrice: requested,
    deviationPercent,
    reason: 'PRICE.OUTSIDE_TOLERANCE',
  };
}
