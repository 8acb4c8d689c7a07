import { Decimal } from '../decimal/decimal';
import { decideManualWriteOff } from './manual-write-off.policy';

const d = (value: string) => new Decimal(value);

describe('decideManualWriteOff', () => {
  it('lets a cash applier clear a small difference beyond the tolerance', () => {
    expect(
      decideManualWriteOff({
        writeOff: d('50.00'),
        customerLimit: d('0'),
        roles: ['cash-applier'],
      }),
    ).toEqual({ allowed: true, by: 'authority', grantedBy: 'cash-applier' });
    expect(
      decideManualWriteOff({ writeOff: d('50.01'), customerLimit: d('0'), roles: ['cash-applier'] })
        .allowed,
    ).toBe(false);
  });

  it.each([
    [
      'within the customer tolerance, no authority needed',
      '10.00',
      '10.00',
      [],
      true,
      'customer-tolerance',
    ],
    ['one cent beyond the tolerance, no authority', '10.01', '10.00', ['warehouse'], false, null],
    [
      'beyond the tolerance, within an analyst authority',
      '400.00',
      '10.00',
      ['credit-analyst'],
      true,
      'authority',
    ],
    ['beyond an analyst authority', '500.01', '10.00', ['credit-analyst'], false, null],
    [
      'the highest of several roles counts',
      '5000.00',
      '0',
      ['credit-analyst', 'credit-manager'],
      true,
      'authority',
    ],
    ['an administrator has no limit', '1000000.00', '0', ['admin'], true, 'authority'],
    ['zero tolerance and no role', '0.01', '0', [], false, null],
  ])('%s', (_case, writeOff, customerLimit, roles, allowed, by) => {
    const decision = decideManualWriteOff({
      writeOff: d(writeOff),
      customerLimit: d(customerLimit),
      roles,
    });
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(decision.by).toBe(by);
  });

  it('says the most the person may write off: the larger of tolerance and authority', () => {
    const analyst = decideManualWriteOff({
      writeOff: d('900'),
      customerLimit: d('25'),
      roles: ['credit-analyst'],
    });
    expect(analyst).toMatchObject({ allowed: false, grantedBy: 'credit-analyst' });
    if (!analyst.allowed) expect(analyst.limit.toFixed()).toBe('500');
    const nobody = decideManualWriteOff({ writeOff: d('900'), customerLimit: d('25'), roles: [] });
    expect(nobody).toMatchObject({ allowed: false, grantedBy: null });
    if (!nobody.allowed) expect(nobody.limit.toFixed()).toBe('25');
  });

  it('takes a delegation table of its own', () => {
    const decision = decideManualWriteOff({
      writeOff: d('50'),
      customerLimit: d('0'),
      roles: ['cash-applier'],
      table: [{ role: 'cash-applier', limit: d('50') }],
    });
    expect(decision).toEqual({ allowed: true, by: 'authority', grantedBy: 'cash-applier' });
  });
});
