import { InvalidClaims, principalFromClaims } from './access-token.claims';

describe('principalFromClaims', () => {
  it('reads an internal principal with every account', () => {
    const principal = principalFromClaims({
      sub: 'u1',
      o2c_kind: 'internal',
      scope: 'a:read b:write',
    });
    expect(principal).toMatchObject({ kind: 'internal', subject: 'u1', customerIds: 'all' });
    expect([...principal.scopes]).toEqual(['a:read', 'b:write']);
  });

  it('binds non-internal principals to the accounts the token names', () => {
    const principal = principalFromClaims({
      sub: 'rep',
      o2c_kind: 'sales_rep',
      o2c_customers: ['c1', 'c2'],
      o2c_plan: 'standard',
    });
    expect(principal).toMatchObject({
      kind: 'sales_rep',
      customerIds: ['c1', 'c2'],
      plan: 'standard',
    });
  });

  it('restricts an internal principal whose token names accounts', () => {
    expect(
      principalFromClaims({ sub: 'u', o2c_kind: 'internal', o2c_customers: ['c1'] }).customerIds,
    ).toEqual(['c1']);
  });

  it('binds a warehouse client to its warehouses and no account', () => {
    const principal = principalFromClaims({
      sub: 'wms-east',
      o2c_kind: 'warehouse_client',
      o2c_warehouses: ['DC-EAST', 'DC-SOUTH'],
      o2c_plan: 'standard',
    });
    expect(principal).toMatchObject({
      kind: 'warehouse_client',
      customerIds: [],
      warehouseCodes: ['DC-EAST', 'DC-SOUTH'],
      plan: 'standard',
    });
    expect(principal.carrierCode).toBeUndefined();
  });

  it('binds a carrier client to its SCAC and no account', () => {
    const principal = principalFromClaims({
      sub: 'ups',
      o2c_kind: 'carrier_client',
      o2c_carrier: 'UPSN',
      o2c_customers: [],
    });
    expect(principal).toMatchObject({
      kind: 'carrier_client',
      customerIds: [],
      carrierCode: 'UPSN',
    });
    expect(principal.warehouseCodes).toBeUndefined();
  });

  it.each([
    ['no subject', { o2c_kind: 'internal' }],
    ['no principal kind (never read as staff)', { sub: 'x' }],
    ['an unknown kind', { sub: 'x', o2c_kind: 'robot' }],
    ['a partner without accounts', { sub: 'x', o2c_kind: 'partner_client' }],
    ['accounts that are not strings', { sub: 'x', o2c_kind: 'sales_rep', o2c_customers: [1] }],
    ['a warehouse client without warehouses', { sub: 'x', o2c_kind: 'warehouse_client' }],
    [
      'a warehouse client with an empty list',
      { sub: 'x', o2c_kind: 'warehouse_client', o2c_warehouses: [] },
    ],
    [
      'a warehouse client with a blank code',
      { sub: 'x', o2c_kind: 'warehouse_client', o2c_warehouses: [''] },
    ],
    ['a carrier client without a carrier', { sub: 'x', o2c_kind: 'carrier_client' }],
    [
      'a carrier client acting for accounts',
      { sub: 'x', o2c_kind: 'carrier_client', o2c_carrier: 'UPSN', o2c_customers: ['c1'] },
    ],
    [
      'a partner claiming a warehouse',
      { sub: 'x', o2c_kind: 'partner_client', o2c_customers: [], o2c_warehouses: ['DC'] },
    ],
    ['staff claiming a carrier', { sub: 'x', o2c_kind: 'internal', o2c_carrier: 'UPSN' }],
  ])('refuses %s', (_label, claims) => {
    expect(() => principalFromClaims(claims as never)).toThrow(InvalidClaims);
  });
});
