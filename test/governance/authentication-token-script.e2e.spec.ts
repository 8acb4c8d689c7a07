import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, type JwtPayload } from 'jsonwebtoken';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

const ROOT = join(__dirname, '..', '..');
/** Each script run starts a Node process with swc (1-3 s on two busy cores). */
const RUN_TIMEOUT_MS = 25_000;
const SCRIPT_TIMEOUT_MS = 60_000;

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run token` signs with the same key file as the gateway and prints only the token. */
describe('scripts/token.ts', () => {
  let gateway: TestGateway;
  let keyFile: string;

  beforeAll(async () => {
    keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-token-script-')), 'signing-key.pem');
    gateway = await startTestGateway({ JWT_SIGNING_KEY_FILE: keyFile });
  });
  afterAll(() => gateway.close());

  function run(command: string, args: string[]): Promise<ScriptRun> {
    return new Promise((resolve) => {
      execFile(
        command,
        args,
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            DATABASE_URL: gateway.database.url,
            JWT_SIGNING_KEY_FILE: keyFile,
          },
          timeout: RUN_TIMEOUT_MS,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  const token = (...args: string[]) =>
    run(process.execPath, ['-r', '@swc-node/register', 'scripts/token.ts', ...args]);

  function onlyToken(result: ScriptRun): string {
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    return result.stdout.trim();
  }

  it(
    'prints a role token the gateway accepts (npm run -s token -- --role credit-analyst)',
    async () => {
      const printed = onlyToken(
        await run('npm', ['run', '-s', 'token', '--', '--role', 'credit-analyst']),
      );
      expect(decode(printed)).toMatchObject({
        o2c_kind: 'internal',
        roles: ['credit-analyst'],
        scope: 'customers:read invoices:read orders:read payments:read tasks:read tasks:write',
      });
      const customers = gateway.expectContract(
        'listCustomers',
        await gateway.as(printed).get('/system/v1/customers'),
      );
      expect(customers.status).toBe(200);
      // Its scopes are the role's: API clients are not among them.
      const clients = gateway.expectContract(
        'listApiClients',
        await gateway.as(printed).get('/governance/v1/api-clients'),
      );
      expect(clients.status).toBe(403);
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    'binds --customer and --sales-rep tokens to accounts given by number or id',
    async () => {
      const [one, two] = await Promise.all(
        [customerBody(), customerBody()].map(async (body) => {
          const created = await gateway.http().post('/system/v1/customers').send(body);
          return created.body as { id: string; customerNumber: string };
        }),
      );
      const customer = decode(onlyToken(await token('--customer', one?.customerNumber ?? '')));
      expect(customer).toMatchObject({ o2c_kind: 'customer_user', o2c_customers: [one?.id] });

      const printed = onlyToken(
        await token(
          '--sales-rep',
          'rep-7',
          '--customers',
          `${one?.customerNumber},${two?.id}`,
          '--ttl',
          '120',
        ),
      );
      const claims = decode(printed) as JwtPayload;
      expect(claims).toMatchObject({
        sub: 'rep-7',
        o2c_kind: 'sales_rep',
        o2c_customers: [one?.id, two?.id],
      });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
      const read = await gateway.as(printed).get(`/system/v1/customers/${one?.id}`);
      expect(gateway.expectContract('getCustomer', read).status).toBe(200);
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    'reads a partner client from the database',
    async () => {
      const registered = await gateway
        .http()
        .post('/governance/v1/api-clients')
        .send({
          name: 'Script partner',
          scopes: ['orders:read'],
          customerIds: [],
          rateLimitPlan: 'premium',
        });
      const clientId = registered.body.clientId as string;
      const claims = decode(onlyToken(await token('--partner', clientId)));
      expect(claims).toMatchObject({
        sub: clientId,
        client_id: clientId,
        o2c_kind: 'partner_client',
        o2c_customers: [],
        o2c_plan: 'premium',
        scope: 'orders:read',
      });
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    'refuses mistakes on stderr, printing nothing on stdout',
    async () => {
      const mistakes: [string[], RegExp][] = [
        [['--role', 'astronaut'], /unknown role astronaut/],
        [['--role', 'sales-rep'], /not an internal role; use --sales-rep/],
        [['--role', 'admin', '--customer', 'C-1'], /exactly one of/],
        [['--customer', 'NO-SUCH-NUMBER'], /no customer numbered NO-SUCH-NUMBER/],
        [['--partner', 'pc_missing'], /no API client pc_missing/],
        [['--role', 'admin', '--ttl', '0'], /--ttl must be whole seconds/],
        [['--role', 'admin', '--scopes', 'orders:fly'], /unknown scope orders:fly/],
        [['--colour', 'red'], /Unknown option '--colour'/],
      ];
      // Two at a time: one per core.
      const results: ScriptRun[] = [];
      for (let index = 0; index < mistakes.length; index += 2) {
        const pair = mistakes.slice(index, index + 2).map(([args]) => token(...args));
        results.push(...(await Promise.all(pair)));
      }
      results.forEach((result, index) => {
        expect({ args: mistakes[index]?.[0], code: result.code, stdout: result.stdout }).toEqual({
          args: mistakes[index]?.[0],
          code: 1,
          stdout: '',
        });
        expect(result.stderr).toMatch(mistakes[index]?.[1] ?? /./);
      });
    },
    SCRIPT_TIMEOUT_MS,
  );
});
