import type { FieldError } from '@o2c/http';

/** The governance.yaml role whose scopes are the most a partner API client may be granted. */
export const PARTNER_CLIENT_ROLE = 'partner-client';

export interface RegistrationCatalogue {
  /** Scopes a partner client may hold (governance.yaml roles.partner-client). */
  partnerScopes: readonly string[];
  /** Consumer plan names (governance.yaml plans). */
  plans: readonly string[];
}

/**
 * Which requested scopes and plan the governance catalogue refuses, each naming its field.
 * Internal scopes (master-data writes, API administration) never reach a partner token.
 */
export function registrationViolations(
  request: { scopes?: readonly string[]; rateLimitPlan?: string },
  catalogue: RegistrationCatalogue,
): FieldError[] {
  const errors: FieldError[] = [];
  (request.scopes ?? []).forEach((scope, index) => {
    if (!catalogue.partnerScopes.includes(scope)) {
      errors.push({
        path: `/body/scopes/${index}`,
        rule: 'partner-scope',
        message: `${scope} is not a scope a partner client may hold (${catalogue.partnerScopes.join(', ') || 'none are defined'})`,
      });
    }
  });
  const plan = request.rateLimitPlan;
  if (plan !== undefined && !catalogue.plans.includes(plan)) {
    errors.push({
      path: '/body/rateLimitPlan',
      rule: 'plan',
      message: `${plan} is not a plan of governance.yaml (${catalogue.plans.join(', ')})`,
    });
  }
  return errors;
}

/** Field errors for customer ids that do not exist, naming each by its index. */
export function missingCustomerErrors(
  requested: readonly string[],
  existing: ReadonlySet<string>,
): FieldError[] {
  return requested.flatMap((id, index) =>
    existing.has(id)
      ? []
      : [
          {
            path: `/body/customerIds/${index}`,
            rule: 'exists',
            message: `customer ${id} does not exist`,
          },
        ],
  );
}
