import type { ContractOperation } from '@o2c/contracts';
import type { Principal } from '../principal/principal';
import { decideOperationAccess } from './operation-access.policy';

const operation = {
  operationId: 'listCustomers',
  apiId: 'system-customers',
  security: [{ bearer: ['customers:read'] }],
} as unknown as ContractOperation;

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: 'internal',
    subject: 'u1',
    scopes: new Set(['customers:read']),
    roles: [],
    customerIds: 'all',
    ...overrides,
  };
}

describe('decideOperationAccess', () => {
  it('allows a principal of an admitted kind with the scope', () => {
    expect(decideOperationAccess(principal(), operation, 'internal')).toEqual({ allowed: true });
  });

  it('refuses a missing scope and names it', () => {
    const decision = decideOperationAccess(
      principal({ scopes: new Set(['orders:read']) }),
      operation,
      'internal',
    );
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'scope',
      requiredScopes: ['customers:read'],
    });
  });

  it.each([
    ['internal', 'partner_client', false],
    ['internal', 'customer_user', false],
    ['internal', 'sales_rep', true],
    ['partner', 'partner_client', true],
    ['partner', 'warehouse_client', true],
    ['partner', 'carrier_client', true],
    ['internal', 'warehouse_client', false],
    ['internal', 'carrier_client', false],
    ['partner', 'customer_user', false],
    ['public', 'customer_user', true],
    ['unknown', 'internal', false],
  ] as const)('a %s API admits a %s: %s', (audience, kind, allowed) => {
    const decision = decideOperationAccess(
      principal({ kind, customerIds: [] }),
      operation,
      audience,
    );
    expect(decision.allowed).toBe(allowed);
  });

  it('treats security requirements as alternatives', () => {
    const either = {
      ...operation,
      security: [{ bearer: ['orders:write'] }, { bearer: ['customers:read', 'orders:read'] }],
    } as unknown as ContractOperation;
    expect(
      decideOperationAccess(principal({ scopes: new Set(['customers:read']) }), either, 'internal')
        .allowed,
    ).toBe(false);
    expect(
      decideOperationAccess(
        principal({ scopes: new Set(['customers:read', 'orders:read']) }),
        either,
        'internal',
      ).allowed,
    ).toBe(true);
  });
});
