import type { ContractRegistry } from '@o2c/contracts';
import { ProblemException } from '@o2c/http';

/** Listed under roles in governance.yaml for their token scopes, but no one works a queue as them. */
const NOT_INTERNAL_ROLES: ReadonlySet<string> = new Set([
  'customer-user',
  'partner-client',
  'warehouse-client',
  'carrier-client',
]);

/** A task or routing rule names a role people hold: one of governance.yaml's internal roles. */
export function assertInternalRole(registry: ContractRegistry, role: string, path: string): void {
  if (registry.governance.roles.has(role) && !NOT_INTERNAL_ROLES.has(role)) return;
  const known = [...registry.governance.roles.keys()].filter(
    (name) => !NOT_INTERNAL_ROLES.has(name),
  );
  throw ProblemException.invalid(
    path,
    'internal-role',
    `${role} is not an internal role (one of ${known.join(', ')})`,
  );
}
