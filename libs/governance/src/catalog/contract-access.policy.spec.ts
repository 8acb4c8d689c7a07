import type { Principal, PrincipalKind } from '../principal/principal';
import { contractAccess } from './contract-access.policy';

const principal = (kind: PrincipalKind): Principal => ({
  kind,
  subject: 's',
  scopes: new Set(),
  roles: [],
  customerIds: kind === 'internal' ? 'all' : ['c1'],
});

describe('contractAccess', () => {
  it.each([
    ['public', undefined, 'open'],
    ['partner', undefined, 'open'],
    ['partner', principal('partner_client'), 'open'],
    ['internal', undefined, 'needs-token'],
    ['internal', principal('internal'), 'allowed'],
    ['internal', principal('sales_rep'), 'allowed'],
    ['internal', principal('partner_client'), 'forbidden'],
    ['internal', principal('customer_user'), 'forbidden'],
    ['unknown', principal('internal'), 'forbidden'],
  ] as const)('%s contract, %p: %s', (audience, who, expected) => {
    expect(contractAccess(audience, who)).toBe(expected);
  });
});
