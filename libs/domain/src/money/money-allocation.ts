import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { minorUnits } from './currency.table';
import { isRounded, type Money, moneyOf } from './money';

/**
 * Splits a rounded amount into parts proportional to `weights` (largest remainder method), so
 * spreading freight or an order discount over lines never gains or loses a cent: the parts
 * always sum exactly to `total`.
 *
 * Each part is within one minor unit of its exact share. Leftover minor units go to the parts
 * with the largest fractional remainders; ties go to the earlier part, so the result is
 * deterministic. A zero weight always receives zero. A negative total is split like its
 * absolute value and negated, so parts keep the sign of the total.
 */
export function allocateMoney(total: Money, weights: readonly Decimal[]): Money[] {
  if (!isRounded(total)) {
    throw new DomainError(
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      'Only an amount rounded to the currency can be allocated',
      'total',
    );
  }
  const checked = weights.map((weight, index) => checkedWeight(weight, index));
  if (!checked.some((weight) => weight.greaterThan(0))) {
    throw new DomainError(
      DomainErrorCode.MONEY_INVALID_ALLOCATION,
      'At least one weight must be positive',
      'weights',
    );
  }

  // Exact integer arithmetic (minor units times integer-scaled weights, as bigint), so no
  // working precision can make a floor or a remainder wrong.
  const digits = minorUnits(total.currency);
  const weightDigits = checked.reduce((most, weight) => Math.max(most, weight.decimalPlaces()), 0);
  const integerWeights = checked.map((weight) => toBigInt(weight, weightDigits));
  const weightSum = integerWeights.reduce((sum, weight) => sum + weight, 0n);
  const units = toBigInt(total.amount.abs(), digits);

  const parts = integerWeights.map((weight) => (units * weight) / weightSum);
  let leftover = parts.reduce((rest, part) => rest - part, units);
  const byRemainder = integerWeights
    .map((weight, index) => ({ index, remainder: (units * weight) % weightSum }))
    .sort((a, b) => compareBigInt(b.remainder, a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }

  const sign = total.amount.lessThan(0) ? -1 : 1;
  const unit = new Decimal(10).pow(digits);
  return parts.map((part) =>
    moneyOf(new Decimal(part.toString()).times(sign).div(unit), total.currency),
  );
}

function checkedWeight(weight: Decimal, index: number): Decimal {
  if (!weight.isFinite() || weight.lessThan(0)) {
    throw new DomainError(
      DomainErrorCode.MONEY_INVALID_ALLOCATION,
      'Weights must be finite and not negative',
      `weights[${index}]`,
    );
  }
  return toDecimal(weight);
}

function toBigInt(value: Decimal, decimals: number): bigint {
  return BigInt(value.times(new Decimal(10).pow(decimals)).toFixed(0));
}

function compareBigInt(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? 1 : -1;
}
