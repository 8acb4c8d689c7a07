/**
 * Where contracts and their released snapshots live (shared by contracts:lint, contracts:diff
 * and contracts:release).
 *
 *   openapi/<layer>/<name>.v<major>.yaml                     the working contract
 *   openapi/<layer>/released/<name>.v<major>@<version>.yaml  what consumers were given
 *
 * The same files the gateway loads: every YAML under the directory except governance.yaml and
 * anything inside a folder named `released`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

export interface ContractFile {
  /** Path relative to the contracts directory, e.g. system/customers.v1.yaml. */
  file: string;
  path: string;
  /** customers.v1 */
  name: string;
  major: number;
  /** info.version, when the file parses. */
  version?: string;
  releasedDirectory: string;
}

export interface Snapshot {
  path: string;
  version: string;
}

const NOT_CONTRACTS = new Set(['governance.yaml']);

function yamlFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return entry === 'released' ? [] : yamlFiles(path);
      return /\.ya?ml$/.test(entry) && !NOT_CONTRACTS.has(entry) ? [path] : [];
    });
}

export function readVersion(path: string): string | undefined {
  try {
    const document = parse(readFileSync(path, 'utf8')) as { info?: { version?: unknown } };
    return typeof document?.info?.version === 'string' ? document.info.version : undefined;
  } catch {
    return undefined;
  }
}

export function listContracts(directory: string): ContractFile[] {
  return yamlFiles(directory).map((path) => {
    const name = basename(path).replace(/\.ya?ml$/, '');
    const major = Number(/\.v(\d+)$/.exec(name)?.[1] ?? Number.NaN);
    const version = readVersion(path);
    return {
      file: relative(directory, path),
      path,
      name,
      major,
      ...(version ? { version } : {}),
      releasedDirectory: join(dirname(path), 'released'),
    };
  });
}

/** Semantic version as numbers; undefined when it is not MAJOR.MINOR.PATCH. */
export function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareVersions(left: string, right: string): number {
  const a = parseVersion(left) ?? [0, 0, 0];
  const b = parseVersion(right) ?? [0, 0, 0];
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Released snapshots of this contract's major version, oldest first. */
export function snapshotsOf(contract: ContractFile): Snapshot[] {
  let entries: string[];
  try {
    entries = readdirSync(contract.releasedDirectory);
  } catch {
    return [];
  }
  const prefix = `${contract.name}@`;
  return entries
    .filter((entry) => entry.startsWith(prefix) && entry.endsWith('.yaml'))
    .map((entry) => ({
      path: join(contract.releasedDirectory, entry),
      version: entry.slice(prefix.length, -'.yaml'.length),
    }))
    .filter((snapshot) => parseVersion(snapshot.version)?.[0] === contract.major)
    .sort((a, b) => compareVersions(a.version, b.version));
}

export function snapshotPath(contract: ContractFile, version: string): string {
  return join(contract.releasedDirectory, `${contract.name}@${version}.yaml`);
}
