import { type GovernanceCatalogue, type LoadedContract, operationsOf } from '@o2c/contracts';
import { contractLinks, type ContractLinks, majorOf } from './contract-links';

export interface CatalogOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  authenticated: boolean;
  scopes: string[];
  rateLimit: { plan?: string; limits: { limit: number; window: string }[] };
  idempotency: string;
}

export interface CatalogApi {
  apiId: string;
  title: string;
  layer: string;
  audience: string;
  owner: { team: string; name: string; contact: string };
  version: string;
  major: number;
  lifecycle: { status: string; deprecated?: string; sunset?: string; successor?: string };
  basePath: string;
  links: ContractLinks;
  operations: CatalogOperation[];
}

/** The path prefix every operation shares, up to the first templated segment. */
export function commonBasePath(paths: readonly string[]): string {
  const split = paths.map((path) => path.split('/').filter(Boolean));
  const shared: string[] = [];
  for (let index = 0; split.length > 0; index += 1) {
    const segment = split[0]?.[index];
    if (!segment || segment.includes('{')) break;
    if (!split.every((segments) => segments[index] === segment)) break;
    shared.push(segment);
  }
  return `/${shared.join('/')}`;
}

function rateLimitOf(
  rateLimit: unknown,
  governance: GovernanceCatalogue,
): CatalogOperation['rateLimit'] {
  if (typeof rateLimit === 'string') {
    const plan = governance.plans.get(rateLimit);
    return {
      plan: rateLimit,
      limits: (plan?.limits ?? []).map(({ limit, window }) => ({ limit, window })),
    };
  }
  const explicit = rateLimit as { limit: number; window: string } | undefined;
  return { limits: explicit ? [{ limit: explicit.limit, window: explicit.window }] : [] };
}

/** The catalog entry of one contract; the start-up validator has already checked its metadata. */
export function catalogEntry(
  contract: LoadedContract,
  governance: GovernanceCatalogue,
): CatalogApi {
  const info = contract.document.info;
  const apiId = info['x-api-id'] ?? contract.file;
  const major = majorOf(info.version);
  const team = info['x-owner']?.team ?? 'unknown';
  const operations = operationsOf(contract);
  const lifecycle = info['x-lifecycle'] ?? {};
  return {
    apiId,
    title: info.title,
    layer: info['x-layer'] ?? 'unknown',
    audience: info['x-audience'] ?? 'unknown',
    owner: {
      team,
      name: governance.owners.get(team)?.name ?? team,
      contact: info['x-owner']?.contact ?? governance.owners.get(team)?.contact ?? '',
    },
    version: info.version,
    major,
    lifecycle: {
      status: lifecycle.status ?? 'active',
      ...(lifecycle.deprecated ? { deprecated: lifecycle.deprecated } : {}),
      ...(lifecycle.sunset ? { sunset: lifecycle.sunset } : {}),
      ...(lifecycle.successor ? { successor: lifecycle.successor } : {}),
    },
    basePath: commonBasePath(operations.map((operation) => operation.path)),
    links: contractLinks(apiId, major),
    operations: operations.map((operation) => ({
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.path,
      summary: operation.operation.summary ?? '',
      authenticated: operation.security.length > 0,
      scopes: [
        ...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat())),
      ],
      rateLimit: rateLimitOf(operation.rateLimit, governance),
      idempotency: operation.idempotency,
    })),
  };
}

export function buildApiCatalog(
  contracts: readonly LoadedContract[],
  governance: GovernanceCatalogue,
): { apis: CatalogApi[] } {
  const apis = contracts.map((contract) => catalogEntry(contract, governance));
  apis.sort((a, b) => a.apiId.localeCompare(b.apiId) || a.major - b.major);
  return { apis };
}
