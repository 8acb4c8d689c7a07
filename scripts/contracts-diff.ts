/**
 * CI guard: no breaking change inside a major version.
 *
 *   npm run contracts:diff [-- --dir <contracts directory>]
 *
 * Compares every contract with the newest released snapshot of its major version
 * (openapi/<layer>/released/<name>.v<major>@<version>.yaml) and exits 1, naming each change,
 * when a consumer of that release would break. Breaking changes need a new major version
 * (a new <name>.v<major+1>.yaml); see "Versioning contracts" in the README.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import {
  type ContractChange,
  describeChange,
  findBreakingChanges,
} from './contracts-breaking-changes';
import { compareVersions, listContracts, parseVersion, snapshotsOf } from './contracts-files';

export interface ContractDiffReport {
  file: string;
  /** The snapshot compared against, relative to the contracts directory. */
  snapshot?: string;
  breaking: ContractChange[];
  warnings: ContractChange[];
  notes: string[];
}

function sameDocument(left: string, right: string): boolean {
  return isDeepStrictEqual(parse(readFileSync(left, 'utf8')), parse(readFileSync(right, 'utf8')));
}

export function diffContracts(directory: string): ContractDiffReport[] {
  return listContracts(directory).map((contract) => {
    const report: ContractDiffReport = {
      file: contract.file,
      breaking: [],
      warnings: [],
      notes: [],
    };
    const version = contract.version;
    if (!version || !parseVersion(version) || parseVersion(version)?.[0] !== contract.major) {
      report.breaking.push({
        id: 'info-version-invalid',
        text: `info.version ${String(version)} must be ${contract.major}.MINOR.PATCH for ${contract.name}`,
      });
      return report;
    }
    const latest = snapshotsOf(contract).at(-1);
    if (!latest) {
      report.notes.push(`never released: npm run contracts:release publishes ${version}`);
      return report;
    }
    report.snapshot = relative(directory, latest.path);
    const order = compareVersions(version, latest.version);
    if (order < 0) {
      report.breaking.push({
        id: 'info-version-went-back',
        text: `info.version ${version} is older than the released ${latest.version}`,
      });
    }
    const { breaking, warnings } = findBreakingChanges(latest.path, contract.path);
    report.breaking.push(...breaking);
    report.warnings.push(...warnings);
    if (order === 0 && !sameDocument(latest.path, contract.path)) {
      report.notes.push(
        `changed since ${latest.version} was released: bump info.version, then npm run contracts:release`,
      );
    } else if (order > 0) {
      report.notes.push(`${version} is not released yet (latest release ${latest.version})`);
    }
    return report;
  });
}

function main(): number {
  const index = process.argv.indexOf('--dir');
  const directory = index > 0 ? (process.argv[index + 1] ?? 'openapi') : 'openapi';
  const reports = diffContracts(directory);
  let breakingCount = 0;
  for (const report of reports) {
    const against = report.snapshot ? ` against ${report.snapshot}` : '';
    const verdict = report.breaking.length > 0 ? 'BREAKING' : 'ok';
    console.log(`${verdict.padEnd(8)} ${report.file}${against}`);
    for (const change of report.breaking) console.log(`  error    ${describeChange(change)}`);
    for (const change of report.warnings) console.log(`  warning  ${describeChange(change)}`);
    for (const note of report.notes) console.log(`  note     ${note}`);
    breakingCount += report.breaking.length;
  }
  if (breakingCount > 0) {
    console.error(
      `\n${breakingCount} breaking change(s) inside a major version. Keep the released behaviour, ` +
        'or publish the change as a new major version (see "Versioning contracts" in README.md).',
    );
    return 1;
  }
  console.log(`\n${reports.length} contract(s) checked: no breaking change inside a major version`);
  return 0;
}

if (require.main === module) process.exit(main());
