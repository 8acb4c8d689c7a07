import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface RateLimitWindow {
  limit: number;
  /** e.g. 1s, 10s, 1m, 1h, 1d */
  window: string;
  windowMs: number;
}

export interface ConsumerPlan {
  name: string;
  description: string;
  limits: RateLimitWindow[];
}

export interface OwnerTeam {
  id: string;
  name: string;
  contact: string;
}

/** openapi/governance.yaml: owner teams, the scope catalogue and consumer plans. */
export interface GovernanceCatalogue {
  owners: Map<string, OwnerTeam>;
  scopes: Map<string, string>;
  plans: Map<string, ConsumerPlan>;
  /** Internal roles and the scopes their tokens carry. */
  roles: Map<string, string[]>;
}

const WINDOW = /^([1-9]\d{0,5})(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "10s" / "1d" into milliseconds; undefined when malformed. */
export function windowToMs(window: unknown): number | undefined {
  if (typeof window !== 'string') return undefined;
  const match = WINDOW.exec(window);
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

export function parseRateLimitWindow(raw: unknown, where: string): RateLimitWindow {
  const entry = raw as { limit?: unknown; window?: unknown } | undefined;
  const windowMs = windowToMs(entry?.window);
  if (!Number.isInteger(entry?.limit) || (entry?.limit as number) < 1 || windowMs === undefined) {
    throw new Error(
      `${where}: a limit needs { limit: positive integer, window: like 1s, 1m, 1h, 1d }`,
    );
  }
  return { limit: entry?.limit as number, window: entry?.window as string, windowMs };
}

export function parseGovernance(text: string, file = 'governance.yaml'): GovernanceCatalogue {
  const raw = parse(text) as {
    owners?: Record<string, { name?: string; contact?: string }>;
    scopes?: Record<string, string>;
    plans?: Record<string, { description?: string; limits?: unknown[] }>;
    roles?: Record<string, unknown>;
  };
  const owners = new Map<string, OwnerTeam>();
  for (const [id, owner] of Object.entries(raw?.owners ?? {})) {
    if (!owner?.name || !owner.contact)
      throw new Error(`${file}: owner ${id} needs a name and a contact`);
    owners.set(id, { id, name: owner.name, contact: owner.contact });
  }
  const scopes = new Map(Object.entries(raw?.scopes ?? {}));
  const plans = new Map<string, ConsumerPlan>();
  for (const [name, plan] of Object.entries(raw?.plans ?? {})) {
    const limits = (plan?.limits ?? []).map((limit, index) =>
      parseRateLimitWindow(limit, `${file}: plan ${name} limit ${index}`),
    );
    if (limits.length === 0) throw new Error(`${file}: plan ${name} has no limits`);
    plans.set(name, { name, description: plan?.description ?? '', limits });
  }
  const roles = new Map<string, string[]>();
  for (const [role, granted] of Object.entries(raw?.roles ?? {})) {
    if (
      !Array.isArray(granted) ||
      granted.some((scope) => typeof scope !== 'string' || !scopes.has(scope))
    ) {
      throw new Error(`${file}: role ${role} must list scopes from the scope catalogue`);
    }
    roles.set(role, granted as string[]);
  }
  return { owners, scopes, plans, roles };
}

export function loadGovernance(directory: string): GovernanceCatalogue {
  return parseGovernance(readFileSync(join(directory, 'governance.yaml'), 'utf8'));
}
