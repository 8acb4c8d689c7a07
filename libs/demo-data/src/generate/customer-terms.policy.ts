import type { CustomerSegment, CustomerStatus, RiskTier } from '../model/demo-data.types';
import type { SeededRandom } from '../random/seeded-random';

type Weights<T> = readonly (readonly [T, number])[];

export const PAYMENT_TERMS = [
  'NET30',
  'NET45',
  'NET60',
  '2/10 NET30',
  '1/15 NET45',
  'NET30 EOM',
] as const;

/** OEMs negotiate longer terms; job shops mostly pay net 30. */
const TERMS_BY_SEGMENT: Readonly<Record<CustomerSegment, Weights<string>>> = {
  'machine-shop': [
    ['NET30', 60],
    ['NET45', 8],
    ['NET60', 2],
    ['2/10 NET30', 18],
    ['1/15 NET45', 4],
    ['NET30 EOM', 8],
  ],
  contractor: [
    ['NET30', 50],
    ['NET45', 15],
    ['NET60', 5],
    ['2/10 NET30', 12],
    ['1/15 NET45', 6],
    ['NET30 EOM', 12],
  ],
  mro: [
    ['NET30', 40],
    ['NET45', 15],
    ['NET60', 12],
    ['2/10 NET30', 13],
    ['1/15 NET45', 8],
    ['NET30 EOM', 12],
  ],
  oem: [
    ['NET30', 25],
    ['NET45', 20],
    ['NET60', 25],
    ['2/10 NET30', 10],
    ['1/15 NET45', 10],
    ['NET30 EOM', 10],
  ],
};

interface CreditBand {
  /** Whole dollars. */
  low: number;
  high: number;
  step: number;
}

/** 5k-25k, 25k-250k, 250k-1M, 1M-2M: most accounts land in the second band. */
const CREDIT_BANDS: readonly CreditBand[] = [
  { low: 5_000, high: 25_000, step: 1_000 },
  { low: 25_000, high: 250_000, step: 5_000 },
  { low: 250_000, high: 1_000_000, step: 25_000 },
  { low: 1_000_000, high: 2_000_000, step: 100_000 },
];

const BAND_WEIGHTS: Readonly<Record<CustomerSegment, Weights<number>>> = {
  'machine-shop': [
    [0, 25],
    [1, 70],
    [2, 5],
  ],
  contractor: [
    [0, 15],
    [1, 75],
    [2, 9],
    [3, 1],
  ],
  mro: [
    [0, 3],
    [1, 72],
    [2, 20],
    [3, 5],
  ],
  oem: [
    [0, 2],
    [1, 60],
    [2, 30],
    [3, 8],
  ],
};

const RISK_TIERS: Weights<RiskTier> = [
  ['low', 55],
  ['medium', 30],
  ['high', 12],
  ['critical', 3],
];

/** Chance of being on credit hold / blocked, by risk tier. */
const HOLD_ODDS: Readonly<Record<RiskTier, readonly [number, number]>> = {
  low: [0.005, 0],
  medium: [0.02, 0.002],
  high: [0.12, 0.02],
  critical: [0.4, 0.2],
};

export function pickPaymentTerms(segment: CustomerSegment, random: SeededRandom): string {
  return random.weighted(TERMS_BY_SEGMENT[segment]);
}

/** Credit limit in whole dollars, on round steps, leaning to the low end of its band. */
export function pickCreditLimitDollars(segment: CustomerSegment, random: SeededRandom): number {
  const band = CREDIT_BANDS[random.weighted(BAND_WEIGHTS[segment])];
  const steps = (band.high - band.low) / band.step;
  return band.low + random.skewedInt(0, steps, 1.5) * band.step;
}

export function pickRiskTier(random: SeededRandom): RiskTier {
  return random.weighted(RISK_TIERS);
}

export function pickStatus(tier: RiskTier, random: SeededRandom): CustomerStatus {
  const [hold, blocked] = HOLD_ODDS[tier];
  const roll = random.next();
  if (roll < blocked) return 'blocked';
  if (roll < blocked + hold) return 'credit_hold';
  return 'active';
}
