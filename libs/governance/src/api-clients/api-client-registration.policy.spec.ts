import {
  missingCustomerErrors,
  missingWarehouseErrors,
  registrationViolations,
} from './api-client-registration.policy';

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

  describe('warehouse and carrier clients', () => {
    const kinds = {
      ...catalogue,
      warehouseScopes: ['shipment-events:warehouse', 'shipments:read'],
      carrierScopes: ['shipment-events:carrier'],
    };

    it('grants each kind the scopes of its own role only', () => {
      expect(
        registrationViolations(
          { kind: 'warehouse', scopes: ['shipment-events:warehouse'], warehouseCodes: ['DC-1'] },
          kinds,
        ),
      ).toEqual([]);
      const errors = registrationViolations(
        { kind: 'carrier', scopes: ['shipment-events:warehouse'], carrierCode: 'UPSN' },
        kinds,
      );
      expect(errors.map((error) => [error.path, error.rule])).toEqual([
        ['/body/scopes/0', 'partner-scope'],
      ]);
      expect(errors[0]?.message).toContain('a carrier client');
      expect(
        registrationViolations({ kind: 'partner', scopes: ['shipment-events:carrier'] }, kinds),
      ).toHaveLength(1);
    });

    it('grants nothing to a kind whose role is not defined', () => {
      expect(
        registrationViolations(
          { kind: 'carrier', scopes: ['orders:read'], carrierCode: 'UPSN' },
          catalogue,
        )[0]?.message,
      ).toContain('none are defined');
    });

    it.each([
      ['a warehouse client without warehouses', { kind: 'warehouse' }, ['/body/warehouseCodes']],
      [
        'a warehouse client with an empty list',
        { kind: 'warehouse', warehouseCodes: [] },
        ['/body/warehouseCodes'],
      ],
      ['a carrier client without a SCAC', { kind: 'carrier' }, ['/body/carrierCode']],
      [
        'a partner with a warehouse and a SCAC',
        { warehouseCodes: ['DC-1'], carrierCode: 'UPSN' },
        ['/body/warehouseCodes', '/body/carrierCode'],
      ],
      [
        'a carrier acting for customer accounts',
        { kind: 'carrier', carrierCode: 'UPSN', customerIds: ['c1'] },
        ['/body/customerIds'],
      ],
      [
        'a warehouse client with a SCAC',
        { kind: 'warehouse', warehouseCodes: ['DC-1'], carrierCode: 'UPSN' },
        ['/body/carrierCode'],
      ],
    ] as const)('refuses %s, naming the field', (_label, request, paths) => {
      const errors = registrationViolations({ ...request, scopes: [] }, kinds);
      expect(errors.map((error) => error.path)).toEqual(paths);
      expect(errors.every((error) => error.rule === 'client-kind')).toBe(true);
    });

    it('names missing warehouses by index', () => {
      expect(missingWarehouseErrors(['DC-1', 'DC-2'], new Set(['DC-2']))).toEqual([
        expect.objectContaining({ path: '/body/warehouseCodes/0', rule: 'exists' }),
      ]);
    });
  });
});
