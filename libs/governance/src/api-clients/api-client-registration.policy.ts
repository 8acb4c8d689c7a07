import type { FieldError } from '@o2c/http';
import type { ApiClientKind } from '@o2c/persistence';

/** The governance.yaml role whose scopes are the most a partner API client may be granted. */
export const PARTNER_CLIENT_ROLE = 'partner-client';
/** The same for warehouse systems (WMS, 3PL) and for carriers. */
export const WAREHOUSE_CLIENT_ROLE = 'warehouse-client';
export const CARRIER_CLIENT_ROLE = 'carrier-client';

export interface RegistrationCatalogue {
  /** Scopes a partner client may hold (governance.yaml roles.partner-client). */
  partnerScopes: readonly string[];
  /** Scopes a warehouse client may hold (roles.warehouse-client); none when absent. */
  warehouseScopes?: readonly string[];
  /** Scopes a carrier client may hold (roles.carrier-client); none when absent. */
  carrierScopes?: readonly string[];
  /** Consumer plan names (governance.yaml plans). */
  plans: readonly string[];
}

export interface RegistrationRequest {
  kind?: ApiClientKind;
  scopes?: readonly string[];
  rateLimitPlan?: string;
  customerIds?: readonly string[];
  warehouseCodes?: readonly string[];
  carrierCode?: string;
}

/**
 * Which requested scopes, plan and bindings the governance catalogue refuses, each naming its
 * field. Internal scopes (master-data writes, API administration) never reach a client token;
 * each kind holds at most the scopes of its role, and is bound to what it speaks for: a
 * partner to customer accounts, a warehouse client to warehouses, a carrier client to its SCAC.
 */
export function registrationViolations(
  request: RegistrationRequest,
  catalogue: RegistrationCatalogue,
): FieldError[] {
  const kind = request.kind ?? 'partner';
  const allowed = scopesOfKind(kind, catalogue);
  const errors: FieldError[] = [];
  (request.scopes ?? []).forEach((scope, index) => {
    if (!allowed.includes(scope)) {
      errors.push({
        path: `/body/scopes/${index}`,
        rule: 'partner-scope',
        message: `${scope} is not a scope a ${kind} client may hold (${allowed.join(', ') || 'none are defined'})`,
      });
    }
  });
  errors.push(...bindingViolations(kind, request));
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

function scopesOfKind(kind: ApiClientKind, catalogue: RegistrationCatalogue): readonly string[] {
  switch (kind) {
    case 'partner':
      return catalogue.partnerScopes;
    case 'warehouse':
      return catalogue.warehouseScopes ?? [];
    case 'carrier':
      return catalogue.carrierScopes ?? [];
  }
}

function bindingViolations(kind: ApiClientKind, request: RegistrationRequest): FieldError[] {
  const wrong = (path: string, message: string): FieldError => ({
    path,
    rule: 'client-kind',
    message,
  });
  const errors: FieldError[] = [];
  const warehouses = request.warehouseCodes ?? [];
  if (kind === 'warehouse' && warehouses.length === 0) {
    errors.push(wrong('/body/warehouseCodes', 'a warehouse client names its warehouses'));
  }
  if (kind !== 'warehouse' && request.warehouseCodes !== undefined) {
    errors.push(wrong('/body/warehouseCodes', `a ${kind} client reports for no warehouse`));
  }
  if (kind === 'carrier' && request.carrierCode === undefined) {
    errors.push(wrong('/body/carrierCode', 'a carrier client names its SCAC'));
  }
  if (kind !== 'carrier' && request.carrierCode !== undefined) {
    errors.push(wrong('/body/carrierCode', `a ${kind} client is no carrier`));
  }
  if (kind !== 'partner' && (request.customerIds ?? []).length > 0) {
    errors.push(wrong('/body/customerIds', `a ${kind} client acts for no customer account`));
  }
  return errors;
}

/** Field errors for warehouse codes that do not exist, naming each by its index. */
export function missingWarehouseErrors(
  requested: readonly string[],
  existing: ReadonlySet<string>,
): FieldError[] {
  return requested.flatMap((code, index) =>
    existing.has(code)
      ? []
      : [
          {
            path: `/body/warehouseCodes/${index}`,
            rule: 'exists',
            message: `warehouse ${code} does not exist`,
          },
        ],
  );
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
