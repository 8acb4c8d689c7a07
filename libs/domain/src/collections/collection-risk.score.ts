import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

export const RISK_REASON_CODES = [
  'days-overdue',
  'limit-share',
  'broken-promises',
  'open-disputes',
  'dunning-level',
  'risk-tier',
] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

export type RiskBand = 'low' | 'moderate' | 'high' | 'severe';

/** A customer's collections position as of a day, in the currency of its credit limit. */
export interface CollectionRiskInput {
  readonly oldestOverdueDays: number;
  readonly amountOverdue: Decimal;
  /** Zero: no credit limit was granted, so any overdue amount is beyond it. */
  readonly creditLimit: Decimal;
  /** Payment promises broken recently (the caller picks the window). */
  readonly brokenPromises: number;
  readonly openDisputes: number;
  /** Highest dunning level sent on an invoice still open; 0 for none. */
  readonly lastDunningLevel: number;
  readonly riskTier: string;
}

export interface RiskReason {
  readonly code: RiskReasonCode;
  readonly points: number;
  readonly detail: string;
}

export interface CollectionRisk {
  /** 0 to 100; higher is riskier. */
  readonly score: number;
  readonly band: RiskBand;
  /** Only what added points, largest first: the "why" a collector reads. */
  readonly reasons: readonly RiskReason[];
}

/**
 * An explainable collection-risk score: each factor adds points and says why. How late the
 * oldest invoice is weighs most (up to 40), then how much of the credit limit is overdue (25),
 * broken promises (10 each, up to 20), open disputes (5 each, up to 10; they delay payment),
 * a final or collections notice already sent (3 or 5) and the credit team's risk tier (5, 10).
 * The score is capped at 100. It ranks and explains; people decide.
 */
export function collectionRisk(input: CollectionRiskInput): CollectionRisk {
  const overdue = finiteDecimal(input.amountOverdue, 'amountOverdue', CODE);
  const limit = finiteDecimal(input.creditLimit, 'creditLimit', CODE);
  for (const field of [
    'oldestOverdueDays',
    'brokenPromises',
    'openDisputes',
    'lastDunningLevel',
  ] as const) {
    if (!Number.isSafeInteger(input[field]) || input[field] < 0) {
      throw new DomainError(CODE, `${field} must be a whole number of at least 0`, field);
    }
  }
  const reasons: RiskReason[] = [
    daysOverdue(input.oldestOverdueDays),
    limitShare(overdue, limit),
    counted('broken-promises', input.brokenPromises, 10, 2, 'broken payment promise'),
    counted('open-disputes', input.openDisputes, 5, 2, 'open dispute'),
    dunningLevel(input.lastDunningLevel),
    riskTier(input.riskTier),
  ].filter((reason) => reason.points > 0);
  reasons.sort((a, b) => b.points - a.points);
  const score = Math.min(
    100,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );
  return { score, band: bandOf(score), reasons };
}

export function bandOf(score: number): RiskBand {
  if (score >= 70) return 'severe';
  if (score >= 50) return 'high';
  if (score >= 25) return 'moderate';
  return 'low';
}

export interface CollectionTaskTerms {
  readonly priority: number;
  readonly slaHours: number;
  readonly role: string;
}

/** How urgently a customer's collections task is worked, by risk band: severe accounts go to
 *  the credit manager within a day, the rest to the collectors within two to five days. */
export function collectionTaskTerms(risk: Pick<CollectionRisk, 'band'>): CollectionTaskTerms {
  switch (risk.band) {
    case 'severe':
      return { priority: 1, slaHours: 24, role: 'credit-manager' };
    case 'high':
      return { priority: 2, slaHours: 48, role: 'collector' };
    case 'moderate':
      return { priority: 3, slaHours: 72, role: 'collector' };
    case 'low':
      return { priority: 4, slaHours: 120, role: 'collector' };
  }
}

function daysOverdue(days: number): RiskReason {
  const points = days > 90 ? 40 : days > 60 ? 30 : days > 30 ? 20 : days > 0 ? 10 : 0;
  return { code: 'days-overdue', points, detail: `oldest invoice ${days} days past due` };
}

function limitShare(overdue: Decimal, limit: Decimal): RiskReason {
  if (!overdue.greaterThan(0)) return { code: 'limit-share', points: 0, detail: '' };
  if (!limit.greaterThan(0)) {
    return { code: 'limit-share', points: 25, detail: 'overdue with no credit limit granted' };
  }
  const share = overdue.div(limit);
  const points = share.gte(1) ? 25 : share.gte(0.5) ? 15 : share.gte(0.25) ? 8 : 3;
  const percent = share.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toString();
  return { code: 'limit-share', points, detail: `overdue is ${percent} % of the credit limit` };
}

function counted(
  code: RiskReasonCode,
  count: number,
  each: number,
  most: number,
  noun: string,
): RiskReason {
  const points = Math.min(count, most) * each;
  return { code, points, detail: `${count} ${noun}${count === 1 ? '' : 's'}` };
}

function dunningLevel(level: number): RiskReason {
  const points = level >= 4 ? 5 : level === 3 ? 3 : 0;
  return { code: 'dunning-level', points, detail: `dunning level ${level} sent` };
}

function riskTier(tier: string): RiskReason {
  const points = tier === 'critical' ? 10 : tier === 'high' ? 5 : 0;
  return { code: 'risk-tier', points, detail: `risk tier ${tier}` };
}

const CODE = DomainErrorCode.COLLECTIONS_INVALID_INPUT;
