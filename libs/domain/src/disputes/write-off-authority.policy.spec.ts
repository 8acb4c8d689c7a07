import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { assertWriteOffAuthority, writeOffAuthority } from './write-off-authority.policy';

const decide = (roles: string[], amount: string) => {
  const decision = writeOffAuthority(roles, new Decimal(amount));
  return [decision.allowed, decision.limit?.toFixed() ?? null, decision.grantedBy];
};

describe('writeOffAuthority', () => {
  it.each([
    [['cash-applier'], '50', [true, '50', 'cash-applier']],
    [['cash-applier'], '50.01', [false, '50', 'cash-applier']],
    [['credit-analyst'], '500', [true, '500', 'credit-analyst']],
    [['credit-analyst'], '500.01', [false, '500', 'credit-analyst']],
    [['deductions-analyst'], '1000', [true, '1000', 'deductions-analyst']],
    [['credit-manager'], '9999.99', [true, '10000', 'credit-manager']],
    [['finance-director'], '100000.01', [false, '100000', 'finance-director']],
    [['admin'], '99999999', [true, null, 'admin']],
    // The highest authority among several roles counts, whatever their order.
    [['credit-manager', 'credit-analyst'], '5000', [true, '10000', 'credit-manager']],
    [['credit-analyst', 'admin', 'credit-manager'], '1000000', [true, null, 'admin']],
    [['operations'], '0.01', [false, '0', null]],
    [[], '1', [false, '0', null]],
  ])('%j writing off %s -> %j', (roles, amount, expected) => {
    expect(decide(roles, amount)).toEqual(expected);
  });

  it('uses a custom table', () => {
    const table = [{ role: 'operations', limit: new Decimal(50) }];
    expect(writeOffAuthority(['operations'], new Decimal(50), table).allowed).toBe(true);
  });

  it.each(['0', '-5'])('refuses an amount of %s naming amount', (amount) => {
    expect(
      captureDomainError(() => writeOffAuthority(['admin'], new Decimal(amount))),
    ).toMatchObject({ code: DomainErrorCode.DISPUTE_INVALID_INPUT, field: 'amount' });
  });
});

describe('assertWriteOffAuthority', () => {
  it('passes within authority', () => {
    expect(assertWriteOffAuthority(['credit-analyst'], new Decimal('12.50')).allowed).toBe(true);
  });

  it('names the limit and the role when beyond it', () => {
    const error = captureDomainError(() =>
      assertWriteOffAuthority(['credit-analyst'], new Decimal('750')),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.DISPUTE_WRITE_OFF_AUTHORITY,
      field: 'amount',
    });
    expect(error.message).toBe(
      'Writing off 750 needs more authority than a write-off limit of 500 (credit-analyst)',
    );
    expect(
      captureDomainError(() => assertWriteOffAuthority(['warehouse'], new Decimal('1'))).message,
    ).toMatch(/no write-off authority/);
  });
});
