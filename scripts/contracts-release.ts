/**
 * Publishes the working contracts as released snapshots.
 *
 *   npm run contracts:release [-- --dir <contracts directory>] [<file> ...]
 *
 * For each contract (or only the files named, relative to the directory) whose info.version has
 * no snapshot yet, copies it byte for byte to <layer>/released/<name>.v<major>@<version>.yaml.
 * Refuses while contracts:diff reports a breaking change, and refuses to overwrite a release
 * with different content (bump info.version instead).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describeChange } from './contracts-breaking-changes';
import { diffContracts } from './contracts-diff';
import { listContracts, snapshotPath } from './contracts-files';

function main(): number {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf('--dir');
  const directory = dirIndex >= 0 ? (args[dirIndex + 1] ?? 'openapi') : 'openapi';
  const only = args.filter((arg, index) => !arg.startsWith('--') && index !== dirIndex + 1);
  const selected = new Set(only);

  const broken = diffContracts(directory).filter(
    (report) => report.breaking.length > 0 && (selected.size === 0 || selected.has(report.file)),
  );
  if (broken.length > 0) {
    for (const report of broken) {
      console.error(`${report.file}:`);
      for (const change of report.breaking) console.error(`  ${describeChange(change)}`);
    }
    console.error('not released: breaking changes inside a major version');
    return 1;
  }

  let released = 0;
  for (const contract of listContracts(directory)) {
    if (selected.size > 0 && !selected.has(contract.file)) continue;
    if (!contract.version) {
      console.error(`${contract.file}: no info.version`);
      return 1;
    }
    const target = snapshotPath(contract, contract.version);
    if (existsSync(target)) {
      if (!readFileSync(target).equals(readFileSync(contract.path))) {
        console.error(
          `${contract.file}: ${contract.version} is already released with other content; bump info.version`,
        );
        return 1;
      }
      continue;
    }
    mkdirSync(contract.releasedDirectory, { recursive: true });
    copyFileSync(contract.path, target);
    console.log(`released ${relative(directory, target)}`);
    released += 1;
  }
  console.log(released > 0 ? `${released} snapshot(s) written` : 'nothing new to release');
  return 0;
}

if (require.main === module) process.exit(main());
