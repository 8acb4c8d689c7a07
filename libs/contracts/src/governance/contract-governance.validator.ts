import { operationsOf, type LoadedContract } from '../contract-loader';
import { type GovernanceCatalogue, parseRateLimitWindow } from './governance-catalogue';

/** The three API layers, plus the gateway's own platform APIs (tokens, catalog, clients). */
const LAYERS = ['system', 'process', 'experience', 'governance'];
const AUDIENCES = ['internal', 'partner', 'public'];
const LIFECYCLES = ['active', 'deprecated', 'retired'];
const IDEMPOTENCY = ['required', 'optional', 'none'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function pathPrefix(layer: string, major: string): { pattern: RegExp; text: string } {
  if (layer === 'experience') {
    return {
      pattern: new RegExp(`^/experience/[a-z][a-z0-9-]*/v${major}/`),
      text: `/experience/<app>/v${major}/`,
    };
  }
  if (layer === 'governance') {
    // Well-known locations (OAuth token endpoint, JWKS, catalog, docs) are not versioned paths.
    return {
      pattern: new RegExp(
        `^/(?:oauth/|\\.well-known/|catalog(?:/|$)|contracts/|docs/|governance/v${major}/)`,
      ),
      text: `/governance/v${major}/ (or /oauth/, /.well-known/, /catalog, /contracts/, /docs/)`,
    };
  }
  return { pattern: new RegExp(`^/${layer}/v${major}/`), text: `/${layer}/v${major}/` };
}

/** Every governance rule a contract must meet before the gateway will serve it. Each problem
 *  names the file and, where it applies, the operation. */
export function validateContractGovernance(
  contract: LoadedContract,
  governance: GovernanceCatalogue,
): string[] {
  const { file, document } = contract;
  const info = document.info;
  const problems: string[] = [];
  const at = (where: string, problem: string) => problems.push(`${file}: ${where}: ${problem}`);

  const major = /^(\d+)\./.exec(info.version ?? '')?.[1];
  if (!major) at('info.version', 'must be a semantic version such as 1.2.0');
  else if (!file.endsWith(`.v${major}.yaml`))
    at('info.version', `major ${major} does not match the file name`);
  if (!/^[a-z][a-z0-9-]{2,60}$/.test(info['x-api-id'] ?? ''))
    at('info.x-api-id', 'missing or not kebab-case');
  const layer = info['x-layer'] ?? '';
  if (!LAYERS.includes(layer)) at('info.x-layer', `must be one of ${LAYERS.join(', ')}`);
  if (!AUDIENCES.includes(info['x-audience'] ?? ''))
    at('info.x-audience', `must be one of ${AUDIENCES.join(', ')}`);
  const owner = info['x-owner'];
  if (!owner?.team || !governance.owners.has(owner.team)) {
    at(
      'info.x-owner.team',
      `must name an owner team from governance.yaml (${[...governance.owners.keys()].join(', ')})`,
    );
  }
  if (!owner?.contact) at('info.x-owner.contact', 'is required');
  const lifecycle = info['x-lifecycle'];
  if (!LIFECYCLES.includes(lifecycle?.status ?? '')) {
    at('info.x-lifecycle.status', `must be one of ${LIFECYCLES.join(', ')}`);
  } else if (lifecycle?.status !== 'active') {
    if (!ISO_DATE.test(lifecycle?.sunset ?? ''))
      at('info.x-lifecycle.sunset', 'a YYYY-MM-DD date is required once deprecated');
    if (lifecycle?.status === 'deprecated' && !lifecycle.successor)
      at('info.x-lifecycle.successor', 'is required once deprecated');
  }
  const deprecated = lifecycle?.deprecated;
  if (deprecated !== undefined) {
    // Optional: the date announced in the Deprecation header; must be a real calendar date.
    if (typeof deprecated !== 'string' || !isCalendarDate(deprecated))
      at('info.x-lifecycle.deprecated', 'must be a YYYY-MM-DD date');
    else if (lifecycle?.sunset && ISO_DATE.test(lifecycle.sunset) && deprecated > lifecycle.sunset)
      at('info.x-lifecycle.deprecated', 'must not be after the sunset date');
  }

  const schemes = new Set(Object.keys(document.components?.securitySchemes ?? {}));
  let operations: ReturnType<typeof operationsOf> = [];
  try {
    operations = operationsOf(contract);
  } catch (error) {
    problems.push(String(error instanceof Error ? error.message : error));
  }
  for (const operation of operations) {
    const where = `operation ${operation.operationId}`;
    if (!/^[a-z][A-Za-z0-9]{2,80}$/.test(operation.operationId))
      at(where, 'operationId must be lowerCamelCase');
    const prefix = major && LAYERS.includes(layer) ? pathPrefix(layer, major) : undefined;
    if (prefix && !prefix.pattern.test(operation.path)) {
      at(where, `path ${operation.path} must start with ${prefix.text}`);
    }
    if (!Array.isArray(operation.operation.security)) {
      at(where, 'has no security requirement (use security: [] for an unauthenticated operation)');
    }
    for (const requirement of operation.security) {
      for (const [scheme, scopes] of Object.entries(requirement)) {
        if (!schemes.has(scheme))
          at(where, `security scheme ${scheme} is not declared in components.securitySchemes`);
        for (const scope of scopes) {
          if (!governance.scopes.has(scope))
            at(where, `scope ${scope} is not in the governance.yaml scope catalogue`);
        }
      }
    }
    const rateLimit = operation.rateLimit;
    if (rateLimit === undefined)
      at(where, 'has no x-rate-limit (a plan name or { limit, window })');
    else if (typeof rateLimit === 'string') {
      if (!governance.plans.has(rateLimit))
        at(where, `x-rate-limit names unknown plan ${rateLimit}`);
    } else {
      try {
        parseRateLimitWindow(rateLimit, where);
      } catch (error) {
        at(where, `x-rate-limit ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const idempotency = operation.operation['x-idempotency'];
    if (!IDEMPOTENCY.includes(idempotency ?? ''))
      at(where, `x-idempotency must be one of ${IDEMPOTENCY.join(', ')}`);
  }
  return problems;
}
