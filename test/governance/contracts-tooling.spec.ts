import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { diffContracts } from '../../scripts/contracts-diff';

const ROOT = join(__dirname, '..', '..');
const SOURCE = join(ROOT, 'openapi', 'system', 'customers.v1.yaml');

// The tests edit parsed YAML freely; the contract tools, not the types, judge the result.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Document = Record<string, any>;

/** Runs one of the contract scripts as CI does; returns its exit code and output. */
function run(script: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'scripts', script), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Several tests start the real command-line tools (node + swc, Spectral, oasdiff).
jest.setTimeout(60_000);

describe('contract tooling', () => {
  let directory: string;
  const working = () => join(directory, 'system', 'customers.v1.yaml');

  /** Today's customers contract, pinned as version 1.0.0 whatever its current version is. */
  function baseline(): Document {
    const document = parse(readFileSync(SOURCE, 'utf8')) as Document;
    document.info.version = '1.0.0';
    return document;
  }

  /** The working contract after a change to released customers.v1@1.0.0. */
  function change(edit: (document: Document) => void): void {
    const document = baseline();
    edit(document);
    writeFileSync(working(), stringify(document));
  }

  function breakingIds(): string[] {
    const [report] = diffContracts(directory);
    return report?.breaking.map((found) => found.id) ?? [];
  }

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'o2c-contract-tooling-'));
    mkdirSync(join(directory, 'system', 'released'), { recursive: true });
    copyFileSync(join(ROOT, 'openapi', 'governance.yaml'), join(directory, 'governance.yaml'));
    writeFileSync(working(), stringify(baseline()));
    writeFileSync(
      join(directory, 'system', 'released', 'customers.v1@1.0.0.yaml'),
      stringify(baseline()),
    );
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('contracts:diff', () => {
    it('passes an unchanged contract, naming the snapshot it compared', () => {
      expect(diffContracts(directory)).toEqual([
        {
          file: 'system/customers.v1.yaml',
          snapshot: 'system/released/customers.v1@1.0.0.yaml',
          breaking: [],
          warnings: [],
          notes: [],
        },
      ]);
    });

    it.each<[string, (document: Document) => void, string, RegExp]>([
      [
        'a removed operation',
        (document) => delete document.paths['/system/v1/customers/{customerId}'].patch,
        'api-removed-without-deprecation',
        /PATCH \/system\/v1\/customers\/\{customerId\}/,
      ],
      [
        'a removed response field',
        (document) => {
          const customer = document.components.schemas.Customer;
          delete customer.properties.aliases;
          customer.required = customer.required.filter((field: string) => field !== 'aliases');
        },
        'response-required-property-removed',
        /aliases/,
      ],
      [
        'a new required request field',
        (document) => {
          const create = document.components.schemas.CustomerCreate;
          create.properties.taxId = { type: 'string' };
          create.required.push('taxId');
        },
        'new-required-request-property',
        /taxId/,
      ],
      [
        'a new required parameter',
        (document) =>
          document.paths['/system/v1/customers'].get.parameters.push({
            name: 'region',
            in: 'query',
            required: true,
            schema: { type: 'string' },
          }),
        'new-required-request-parameter',
        /region/,
      ],
      [
        'a narrowed type',
        (document) =>
          (document.components.schemas.ShipToInput.properties.code = { type: 'integer' }),
        'request-property-type-changed',
        /code/,
      ],
      [
        'a narrowed enum',
        (document) => (document.components.schemas.RiskTier.enum = ['low', 'medium', 'high']),
        'request-parameter-enum-value-removed',
        /critical/,
      ],
      [
        'a changed security scope',
        (document) =>
          (document.paths['/system/v1/customers'].get.security = [{ bearer: ['customers:write'] }]),
        'api-security-scope-added',
        /customers:write/,
      ],
      [
        'an operation made open',
        (document) => (document.paths['/system/v1/customers'].get.security = []),
        'api-security-removed',
        /listCustomers|GET/,
      ],
      [
        'a changed audience',
        (document) => (document.info['x-audience'] = 'partner'),
        'info-audience-changed',
        /internal to partner/,
      ],
    ])('fails on %s, naming the change', (_label, edit, id, detail) => {
      change(edit);
      const [report] = diffContracts(directory);
      const found = report?.breaking.find((candidate) => candidate.id === id);
      expect(found).toBeDefined();
      expect(`${found?.text} ${found?.operation ?? ''} ${found?.path ?? ''}`).toMatch(detail);
    });

    it('passes non-breaking additions and asks for a version bump', () => {
      change((document) => {
        document.paths['/system/v1/customers'].get.parameters.push({
          name: 'accountManager',
          in: 'query',
          schema: { type: 'string', format: 'email' },
        });
        document.components.schemas.Customer.properties.segment = { type: 'string' };
        document.paths['/system/v1/customers/{customerId}/contacts'] = {
          get: {
            operationId: 'listCustomerContacts',
            summary: 'Contacts of a customer',
            security: [{ bearer: ['customers:read'] }],
            'x-rate-limit': 'internal',
            'x-idempotency': 'none',
            parameters: [{ $ref: '#/components/parameters/CustomerId' }],
            responses: { '200': { description: 'The contacts' } },
          },
        };
      });
      const [report] = diffContracts(directory);
      expect(report?.breaking).toEqual([]);
      expect(report?.notes.join()).toContain('bump info.version');

      change((document) => (document.info.version = '1.1.0'));
      expect(diffContracts(directory)[0]?.notes.join()).toContain('1.1.0 is not released yet');
      change((document) => (document.info.version = '0.9.0'));
      expect(breakingIds()).toContain('info-version-invalid');
    });

    it('compares only with releases of the same major and leaves unreleased contracts alone', () => {
      rmSync(join(directory, 'system', 'released', 'customers.v1@1.0.0.yaml'));
      copyFileSync(SOURCE, join(directory, 'system', 'released', 'customers.v2@2.0.0.yaml'));
      const [report] = diffContracts(directory);
      expect(report?.breaking).toEqual([]);
      expect(report?.notes.join()).toContain('never released');
    });

    it('exits 1 from the command line, naming the change; 0 on the repository', () => {
      change((document) => delete document.paths['/system/v1/customers'].post);
      const failed = run('contracts-diff.ts', '--dir', directory);
      expect(failed.status).toBe(1);
      expect(failed.output).toContain('BREAKING system/customers.v1.yaml');
      expect(failed.output).toContain('api-removed-without-deprecation');

      const repository = run('contracts-diff.ts');
      expect(repository.output).toContain('no breaking change inside a major version');
      expect(repository.status).toBe(0);
    });
  });

  describe('contracts:release', () => {
    it('snapshots a new version once and refuses to overwrite a release with other content', () => {
      change((document) => {
        document.info.version = '1.1.0';
        document.components.schemas.Customer.properties.segment = { type: 'string' };
      });
      const released = run('contracts-release.ts', '--dir', directory);
      expect(released.status).toBe(0);
      const snapshot = join(directory, 'system', 'released', 'customers.v1@1.1.0.yaml');
      expect(readFileSync(snapshot, 'utf8')).toBe(readFileSync(working(), 'utf8'));
      expect(run('contracts-release.ts', '--dir', directory).output).toContain('nothing new');

      change((document) => {
        document.info.version = '1.1.0';
        document.components.schemas.Customer.properties.segment = { type: 'string' };
        document.components.schemas.Customer.properties.region = { type: 'string' };
      });
      const refused = run('contracts-release.ts', '--dir', directory);
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('already released with other content');
    });

    it('refuses to release a breaking change', () => {
      change((document) => {
        document.info.version = '1.2.0';
        delete document.paths['/system/v1/customers'].post;
      });
      const refused = run('contracts-release.ts', '--dir', directory);
      expect(refused.status).toBe(1);
      expect(existsSync(join(directory, 'system', 'released', 'customers.v1@1.2.0.yaml'))).toBe(
        false,
      );
    });
  });

  describe('contracts:lint', () => {
    it('passes the repository contracts', () => {
      const result = run('contracts-lint.ts');
      expect(result.output).toContain('contracts:lint passed');
      expect(result.status).toBe(0);
    });

    it('fails on missing governance metadata and non-problem error responses, naming the rule', () => {
      change((document) => {
        delete document.info['x-owner'];
        delete document.paths['/system/v1/customers'].get['x-rate-limit'];
        document.components.responses.Problem.content = {
          'application/json': { schema: { $ref: '#/components/schemas/Problem' } },
        };
        document.paths['/system/v1/customers'].get.security = [{ bearer: ['customers:rule'] }];
      });
      const result = run('contracts-lint.ts', '--dir', directory);
      expect(result.status).toBe(1);
      for (const expected of [
        'governance-info-owner',
        'governance-operation-rate-limit',
        'governance-problem-media-type',
        'scope customers:rule is not in the governance.yaml scope catalogue',
      ]) {
        expect(result.output).toContain(expected);
      }
    });
  });
});
