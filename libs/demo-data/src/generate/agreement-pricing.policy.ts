import { scalePercent } from '../money/cents.arithmetic';
import type { CustomerSegment } from '../model/demo-data.types';
import type { SeededRandom } from '../random/seeded-random';
import type { AgreementCalendar } from './agreement-calendar';
import type { ItemProfile } from './items.generator';

/** Fixed demo exchange rate for CAD agreements, in percent of the USD price. */
export const CAD_PER_USD_PERCENT = 136;

/** Contract discount off list, in percent, [min, max]: bigger accounts negotiate harder. */
const DISCOUNT_RANGE: Readonly<Record<CustomerSegment, readonly [number, number]>> = {
  'machine-shop': [5, 18],
  contractor: [5, 20],
  mro: [8, 28],
  oem: [12, 35],
};

/** Share of agreements with quantity breaks. */
export const BREAK_ODDS: Readonly<Record<CustomerSegment, number>> = {
  'machine-shop': 0.2,
  contractor: 0.25,
  mro: 0.3,
  oem: 0.5,
};

/** A rare below-cost contract, so margin-floor checks have something to find. */
const BELOW_COST_ODDS = 0.01;

/**
 * Contract price in USD cents: list less the account's discount, kept at least 3 % above cost
 * except for the rare deliberate below-cost deal; never above list.
 */
export function contractPriceCents(
  item: ItemProfile,
  segment: CustomerSegment,
  random: SeededRandom,
): number {
  if (random.chance(BELOW_COST_ODDS)) {
    return Math.min(item.listCents, scalePercent(item.costCents, random.int(90, 99)));
  }
  const [low, high] = DISCOUNT_RANGE[segment];
  const discounted = scalePercent(item.listCents, 100 - random.int(low, high));
  return Math.min(item.listCents, Math.max(discounted, scalePercent(item.costCents, 103)));
}

export interface BreakTier {
  /** Base units. */
  minQuantity: number;
  unitPriceCents: number;
}

/**
 * 2-3 tiers in multiples of the smallest pack, each price at most the one before it and never
 * pushed below 2 % over cost by the break itself.
 */
export function breakTiers(
  item: ItemProfile,
  contractCents: number,
  random: SeededRandom,
): BreakTier[] {
  const loose = ['reel-ft', 'reel-m', 'bulk-kg', 'bulky'].includes(item.packaging);
  const multiples = loose ? [2, 5, 10] : [5, 20, 50];
  const extraDiscounts = [random.int(2, 4), random.int(5, 7), random.int(8, 12)];
  const floor = Math.min(contractCents, scalePercent(item.costCents, 102));
  const count = random.int(2, 3);
  const tiers: BreakTier[] = [];
  let previous = contractCents;
  for (let t = 0; t < count; t += 1) {
    const price = Math.min(
      previous,
      Math.max(floor, scalePercent(contractCents, 100 - extraDiscounts[t])),
    );
    tiers.push({ minQuantity: multiples[t] * item.packUnits, unitPriceCents: price });
    previous = price;
  }
  return tiers;
}

export interface Validity {
  validFrom: string;
  validTo: string | null;
}

/** Mostly current contracts; some open-ended, some expired, a few starting next quarter. */
export function agreementValidity(calendar: AgreementCalendar, random: SeededRandom): Validity {
  const kind = random.weighted([
    ['current', 70],
    ['open-ended', 12],
    ['expired', 12],
    ['future', 6],
  ] as const);
  switch (kind) {
    case 'current':
      return {
        validFrom: calendar.monthStart(-random.int(0, 540)),
        validTo: calendar.monthEnd(random.int(30, 540)),
      };
    case 'open-ended':
      return { validFrom: calendar.monthStart(-random.int(30, 900)), validTo: null };
    case 'expired': {
      // 31+ days back always lands in an earlier month, so the month end is before asOf.
      const end = -random.int(31, 400);
      return {
        validFrom: calendar.monthStart(end - random.int(180, 730)),
        validTo: calendar.monthEnd(end),
      };
    }
    case 'future': {
      // 32+ days ahead always lands in a later month, so the month start is after asOf.
      const start = random.int(32, 120);
      return {
        validFrom: calendar.monthStart(start),
        validTo: calendar.monthEnd(start + random.int(365, 730)),
      };
    }
  }
}
