import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  bandOf,
  type CollectionRiskInput,
  collectionRisk,
  collectionTaskTerms,
} from './collection-risk.score';

const input = (overrides: Partial<CollectionRiskInput> = {}): CollectionRiskInput => ({
  oldestOverdueDays: 0,
  amountOverdue: new Decimal(0),
  creditLimit: new Decimal(10_000),
  brokenPromises: 0,
  openDisputes: 0,
  lastDunningLevel: 0,
  riskTier: 'low',
  ...overrides,
});

describe('collectionRisk', () => {
  it('is zero, low and without reasons when nothing is overdue', () => {
    expect(collectionRisk(input())).toEqual({ score: 0, band: 'low', reasons: [] });
  });

  it.each([
    [1, 10],
    [30, 10],
    [31, 20],
    [60, 20],
    [61, 30],
    [90, 30],
    [91, 40],
  ])('%d days overdue -> %d points', (days, points) => {
    const risk = collectionRisk(input({ oldestOverdueDays: days }));
    expect(risk.reasons).toEqual([
      { code: 'days-overdue', points, detail: `oldest invoice ${days} days past due` },
    ]);
  });

  it.each([
    ['100', '10000', 3, '1'],
    ['2500', '10000', 8, '25'],
    ['5000', '10000', 15, '50'],
    ['9999', '10000', 15, '100'],
    ['10000', '10000', 25, '100'],
    ['25000', '10000', 25, '250'],
  ])('overdue %s of a %s limit -> %d points (%s %)', (overdue, limit, points, percent) => {
    const [reason] = collectionRisk(
      input({ amountOverdue: new Decimal(overdue), creditLimit: new Decimal(limit) }),
    ).reasons;
    expect(reason).toEqual({
      code: 'limit-share',
      points,
      detail: `overdue is ${percent} % of the credit limit`,
    });
  });

  it('counts an overdue amount without a credit limit as beyond it', () => {
    const risk = collectionRisk(
      input({ amountOverdue: new Decimal(1), creditLimit: new Decimal(0) }),
    );
    expect(risk.reasons).toEqual([
      { code: 'limit-share', points: 25, detail: 'overdue with no credit limit granted' },
    ]);
  });

  it('explains every factor, largest first, and caps the score at 100', () => {
    const risk = collectionRisk(
      input({
        oldestOverdueDays: 120,
        amountOverdue: new Decimal(20_000),
        brokenPromises: 3,
        openDisputes: 1,
        lastDunningLevel: 4,
        riskTier: 'critical',
      }),
    );
    expect(risk.reasons.map((reason) => [reason.code, reason.points])).toEqual([
      ['days-overdue', 40],
      ['limit-share', 25],
      ['broken-promises', 20],
      ['risk-tier', 10],
      ['open-disputes', 5],
      ['dunning-level', 5],
    ]);
    expect(risk.score).toBe(100);
    expect(risk.band).toBe('severe');
    expect(risk.reasons.find((reason) => reason.code === 'broken-promises')?.detail).toBe(
      '3 broken payment promises',
    );
  });

  it('weighs a final notice, high tier and a single dispute', () => {
    const risk = collectionRisk(
      input({
        oldestOverdueDays: 35,
        amountOverdue: new Decimal(100),
        lastDunningLevel: 3,
        riskTier: 'high',
        openDisputes: 1,
      }),
    );
    expect(risk.score).toBe(20 + 3 + 3 + 5 + 5);
    expect(risk.band).toBe('moderate');
    expect(risk.reasons.find((reason) => reason.code === 'open-disputes')?.detail).toBe(
      '1 open dispute',
    );
  });

  it.each([
    [{ oldestOverdueDays: -1 }, 'oldestOverdueDays'],
    [{ brokenPromises: 1.5 }, 'brokenPromises'],
    [{ amountOverdue: new Decimal(Number.NaN) }, 'amountOverdue'],
  ])('rejects %j naming %s', (overrides, field) => {
    expect(captureDomainError(() => collectionRisk(input(overrides)))).toMatchObject({
      code: DomainErrorCode.COLLECTIONS_INVALID_INPUT,
      field,
    });
  });
});

describe('risk bands and task terms', () => {
  it.each([
    [0, 'low', 4, 120, 'collector'],
    [24, 'low', 4, 120, 'collector'],
    [25, 'moderate', 3, 72, 'collector'],
    [50, 'high', 2, 48, 'collector'],
    [70, 'severe', 1, 24, 'credit-manager'],
    [100, 'severe', 1, 24, 'credit-manager'],
  ])('score %d -> %s, priority %d, %d h, %s', (score, band, priority, slaHours, role) => {
    expect(bandOf(score)).toBe(band);
    expect(collectionTaskTerms({ band: bandOf(score) })).toEqual({ priority, slaHours, role });
  });
});
