import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

const root = join(__dirname, '..', '..');

function violationsIn(path: string): Violation[] {
  const output = execFileSync(
    join(root, 'node_modules', '.bin', 'depcruise'),
    [path, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  ).toString();
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

function summary(violations: Violation[]): string[] {
  const fixtures = 'test/architecture/fixtures/';
  return violations
    .map(
      ({ rule, from, to }) =>
        `${rule.name}: ${from.replace(fixtures, '')} -> ${to.replace(fixtures, '')}`,
    )
    .sort();
}

// The architecture check in `npm run lint` uses this same configuration; these fixtures prove
// that each rule fails on a real violation (and that allowed imports pass).
describe('architecture rules', () => {
  const found = summary(violationsIn('test/architecture/fixtures'));

  it('forbids Nest, TypeORM and I/O in the domain library', () => {
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^domain-is-pure: libs\/domain\/src\/index.ts -> node_modules\/@nestjs\/common\//,
        ),
        expect.stringMatching(
          /^domain-is-pure: libs\/domain\/src\/index.ts -> node_modules\/typeorm\//,
        ),
        'domain-is-pure-core-modules: libs/domain/src/index.ts -> fs',
      ]),
    );
  });

  it('lets the domain use decimal.js and its own files', () => {
    expect(found.filter((line) => line.includes('pure-rule.ts ->'))).toEqual([]);
  });

  it('forbids reaching a lib by a deep path instead of its index', () => {
    expect(found).toContain(
      'lib-through-index-only: libs/system-api/src/index.ts -> libs/persistence/src/entities/thing.entity.ts',
    );
  });

  it('forbids an API layer from calling a higher one', () => {
    expect(found).toContain(
      'system-api-calls-no-higher-layer: libs/system-api/src/index.ts -> libs/process-api/src/index.ts',
    );
    expect(found).toContain(
      'process-api-calls-no-higher-layer: libs/process-api/src/index.ts -> libs/experience-portal/src/index.ts',
    );
  });
});
