import { Decimal } from '../decimal/decimal';
import type { CreditDecision } from '../credit/credit-hold.policy';
import { intakeHolds, inventoryHold } from './intake-holds.policy';

const pass: CreditDecision = { outcome: 'pass', exposureAfter: new Decimal(100) };
const creditHold = (): Extract<CreditDecision, { outcome: 'hold' }> => {
  const figures = {
    creditLimit: new Decimal(1000),
    exposureBefore: new Decimal(900),
    orderTotal: new Decimal(200),
    exposureAfter: new Decimal(1100),
    overrun: new Decimal(100),
    overrunPercent: new Decimal(10),
  };
  return {
    outcome: 'hold',
    reasons: ['CREDIT.LIMIT_EXCEEDED', 'CREDIT.OVERDUE_RECEIVABLES'],
    exposureAfter: figures.exposureAfter,
    overrun: figures.overrun,
    overrunPercent: figures.overrunPercent,
    evidence: { ...figures, overdue: [], oldestOverdueDays: 45, overdueDaysLimit: 30 },
  };
};

describe('intakeHolds', () => {
  it('opens nothing for a clean order', () => {
    expect(intakeHolds({ credit: pass, lines: [{ holdReasons: [] }] })).toEqual([]);
  });

  it('opens one credit hold with every credit reason and the overrun for routing', () => {
    expect(intakeHolds({ credit: creditHold(), lines: [] })).toEqual([
      {
        type: 'credit',
        queue: 'credit-review',
        reasons: ['CREDIT.LIMIT_EXCEEDED', 'CREDIT.OVERDUE_RECEIVABLES'],
        overrunPercent: new Decimal(10),
      },
    ]);
  });

  it('opens one pricing hold for all lines, tolerance reasons first', () => {
    const holds = intakeHolds({
      credit: pass,
      lines: [
        { holdReasons: ['PRICE.BELOW_MARGIN_FLOOR'] },
        { holdReasons: [] },
        { holdReasons: ['PRICE.OUTSIDE_TOLERANCE', 'PRICE.BELOW_MARGIN_FLOOR'] },
      ],
    });
    expect(holds).toEqual([
      {
        type: 'pricing',
        queue: 'pricing-review',
        reasons: ['PRICE.OUTSIDE_TOLERANCE', 'PRICE.BELOW_MARGIN_FLOOR'],
      },
    ]);
  });

  it('opens credit and pricing holds together', () => {
    const holds = intakeHolds({
      credit: creditHold(),
      lines: [{ holdReasons: ['PRICE.OUTSIDE_TOLERANCE'] }],
    });
    expect(holds.map((hold) => hold.type)).toEqual(['credit', 'pricing']);
  });

  it('names the inventory review queue for shortages', () => {
    expect(inventoryHold()).toEqual({
      type: 'inventory',
      queue: 'inventory-review',
      reasons: ['INVENTORY.SHORTAGE'],
    });
  });
});
