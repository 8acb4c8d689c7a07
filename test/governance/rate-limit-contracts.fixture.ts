import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const CONTRACTS = join(__dirname, '..', '..', 'openapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export interface RateLimitContractsOptions {
  /** Plans to replace or add in governance.yaml; the others stay as they are. */
  plans: Record<string, { limit: number; window: string }[]>;
  /** Per operationId: another x-rate-limit and/or security. */
  operations?: Record<
    string,
    { rateLimit?: string | { limit: number; window: string }; security?: unknown[] }
  >;
  /** Per contract file name (catalog.v1.yaml): another info.x-audience. */
  audiences?: Record<string, string>;
}

type Document = {
  info: Record<string, unknown>;
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { responses?: Record<string, unknown> };
};

function yamlFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') && name !== 'governance.yaml' ? [path] : [];
  });
}

/**
 * A copy of openapi/ in a temp directory with small limits, for CONTRACTS_DIR: tests never
 * change the real plans. The copy also declares 429 (and 401) problem answers on operations
 * whose contract has the shared Problem response, so expectContract can check refused requests;
 * the real contracts do not declare 429 yet.
 */
export function rateLimitedContracts(options: RateLimitContractsOptions): string {
  const directory = mkdtempSync(join(tmpdir(), 'o2c-rate-limit-contracts-'));
  cpSync(CONTRACTS, directory, { recursive: true });

  const governanceFile = join(directory, 'governance.yaml');
  const governance = parse(readFileSync(governanceFile, 'utf8')) as {
    plans: Record<string, { description?: string; limits: unknown[] }>;
  };
  for (const [name, limits] of Object.entries(options.plans)) {
    governance.plans[name] = { description: governance.plans[name]?.description ?? name, limits };
  }
  writeFileSync(governanceFile, stringify(governance));

  const pending = new Set(Object.keys(options.operations ?? {}));
  for (const file of yamlFiles(directory)) {
    const document = parse(readFileSync(file, 'utf8')) as Document;
    const audience = options.audiences?.[file.split('/').pop() ?? ''];
    if (audience) document.info['x-audience'] = audience;
    const hasProblem = Boolean(document.components?.responses?.Problem);
    for (const item of Object.values(document.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method] as
          | { operationId: string; responses: Record<string, unknown>; [key: string]: unknown }
          | undefined;
        if (!operation) continue;
        if (hasProblem) {
          const problem = { $ref: '#/components/responses/Problem' };
          operation.responses['429'] ??= problem;
          operation.responses['401'] ??= problem;
        }
        const override = options.operations?.[operation.operationId];
        if (!override) continue;
        pending.delete(operation.operationId);
        if (override.rateLimit !== undefined) operation['x-rate-limit'] = override.rateLimit;
        if (override.security !== undefined) operation.security = override.security;
      }
    }
    writeFileSync(file, stringify(document));
  }
  if (pending.size > 0) throw new Error(`no such operations: ${[...pending].join(', ')}`);
  return directory;
}

/** `"minute";r=2;t=60` -> { name, remaining, reset } */
export function parseRateLimit(header: string | undefined): {
  name: string;
  remaining: number;
  reset: number;
} {
  const match = /^"([^"]+)";r=(\d+);t=(\d+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a RateLimit header: ${header}`);
  return { name: match[1] ?? '', remaining: Number(match[2]), reset: Number(match[3]) };
}
