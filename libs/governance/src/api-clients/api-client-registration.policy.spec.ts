import { missingCustomerErrors, registrationViolations } from './api-client-registration.policy';

const catalogue = {
  partnerScopes: ['orders:read', 'invoices:read'],
  plans: ['standard', 'sandbox'],
};

describe('API client registration', () => {
  it('accepts partner scopes and a known plan', () => {
    expect(
      registrationViolations({ scopes: ['orders:read'], rateLimitPlan: 'standard' }, catalogue),
    ).toEqual([]);
  });

  it('names every scope partners may not hold by its index', () => {
    const errors = registrationViolations(
      { scopes: ['orders:read', 'customers:write', 'no-such:scope'], rateLimitPlan: 'standard' },
      catalogue,
    );
    expect(errors.map((error) => [error.path, error.rule])).toEqual([
      ['/body/scopes/1', 'partner-scope'],
      ['/body/scopes/2', 'partner-scope'],
    ]);
    expect(errors[0]?.message).toContain('orders:read, invoices:read');
  });

  it('refuses a plan governance.yaml does not define', () => {
    expect(registrationViolations({ scopes: [], rateLimitPlan: 'gold' }, catalogue)).toEqual([
      expect.objectContaining({ path: '/body/rateLimitPlan', rule: 'plan' }),
    ]);
  });

  it('grants nothing when no partner scopes are defined', () => {
    const errors = registrationViolations(
      { scopes: ['orders:read'] },
      { partnerScopes: [], plans: [] },
    );
    expect(errors[0]?.message).toContain('none are defined');
  });

  it('names missing customers by index', () => {
    expect(missingCustomerErrors(['a', 'b', 'c'], new Set(['b']))).toEqual([
      expect.objectContaining({ path: '/body/customerIds/0', rule: 'exists' }),
      expect.objectContaining({ path: '/body/customerIds/2', rule: 'exists' }),
    ]);
  });
});
