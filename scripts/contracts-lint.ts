/**
 * Contract lint: Spectral (spectral:oas + the governance ruleset in .spectral.yaml) over every
 * contract, then the gateway's own start-up governance check (owners, scopes and plans from
 * governance.yaml), so a contract that lints clean also boots.
 *
 *   npm run contracts:lint [-- --dir <contracts directory>]
 *
 * Lints the files the gateway loads: released snapshots and governance.yaml are left out.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedContract, loadGovernance, validateContractGovernance } from '@o2c/contracts';
import type { OpenApiDocument } from '@o2c/contracts';
import { parse } from 'yaml';
import { listContracts } from './contracts-files';

const ROOT = join(__dirname, '..');

function spectral(files: string[]): number {
  const cli = require.resolve('@stoplight/spectral-cli/dist/index.js');
  const result = spawnSync(
    process.execPath,
    [cli, 'lint', '--ruleset', join(ROOT, '.spectral.yaml'), '--fail-severity', 'error', ...files],
    { stdio: 'inherit' },
  );
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function governanceProblems(directory: string, files: string[]): string[] {
  const governance = loadGovernance(directory);
  return listContracts(directory)
    .filter((contract) => files.includes(contract.path))
    .flatMap((contract) => {
      let document: OpenApiDocument;
      try {
        document = parse(readFileSync(contract.path, 'utf8')) as OpenApiDocument;
      } catch (error) {
        return [`${contract.file}: ${error instanceof Error ? error.message : String(error)}`];
      }
      const loaded: LoadedContract = {
        file: contract.file,
        uri: `contract:${contract.file}`,
        document,
      };
      return validateContractGovernance(loaded, governance);
    });
}

function main(): number {
  const index = process.argv.indexOf('--dir');
  const directory = index > 0 ? (process.argv[index + 1] ?? 'openapi') : 'openapi';
  const files = listContracts(directory).map((contract) => contract.path);
  if (files.length === 0) {
    console.error(`no contracts under ${directory}`);
    return 1;
  }
  console.log(`linting ${files.length} contract(s) under ${directory}`);
  const spectralStatus = spectral(files);
  const problems = governanceProblems(directory, files);
  for (const problem of problems) console.error(`governance: ${problem}`);
  if (spectralStatus !== 0 || problems.length > 0) {
    console.error('contracts:lint failed');
    return 1;
  }
  console.log('contracts:lint passed (spectral and governance catalogue)');
  return 0;
}

if (require.main === module) process.exit(main());
