import { Decimal } from '../decimal/decimal';
import { AMOUNT_INPUT, finiteDecimal, nonNegativeDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

export interface MarginInput {
  readonly unitPrice: Decimal;
  readonly standardCost: Decimal;
  /** Lowest acceptable margin in percent (15 means 15 %), at most 100; null: no floor. */
  readonly floorPercent: Decimal | null;
}

export interface MarginCheck {
  /** (price - cost) / price x 100, rounded down to 2 decimals. */
  readonly marginPercent: Decimal;
  /** True when the margin is strictly below the floor; never when the floor is null. */
  readonly belowFloor: boolean;
}

const HUNDRED = new Decimal(100);

/**
 * Gross margin of a line against the item's floor. A zero price has no margin percent; it is
 * reported as -100 when it sells below cost (as bad as margins get in the table a reviewer
 * sees) and 0 when cost is zero too. The floor is compared with the exact margin, and the
 * reported margin is rounded towards minus infinity so, for floors of at most 2 decimals, a
 * line below the floor never shows a margin at or above it.
 */
export function checkMargin(input: MarginInput): MarginCheck {
  const price = nonNegativeDecimal(input.unitPrice, 'unitPrice', AMOUNT_INPUT);
  const cost = nonNegativeDecimal(input.standardCost, 'standardCost', AMOUNT_INPUT);
  const floor =
    input.floorPercent === null
      ? null
      : finiteDecimal(
          input.floorPercent,
          'floorPercent',
          DomainErrorCode.PRICE_INVALID_MARGIN_FLOOR,
        );
  if (floor !== null && floor.greaterThan(HUNDRED)) {
    throw new DomainError(
      DomainErrorCode.PRICE_INVALID_MARGIN_FLOOR,
      'floorPercent must be at most 100',
      'floorPercent',
    );
  }

  let exact: Decimal;
  if (price.isZero()) exact = cost.isZero() ? new Decimal(0) : HUNDRED.negated();
  else exact = price.minus(cost).div(price).times(HUNDRED);

  return {
    marginPercent: exact.toDecimalPlaces(2, Decimal.ROUND_FLOOR),
    belowFloor: floor !== null && exact.lessThan(floor),
  };
}
