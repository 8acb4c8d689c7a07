import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const root = join(__dirname, '..', '..');
const started: ChildProcess[] = [];

interface RunningGateway {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts the real entry point (as `npm start` does) and waits until it listens. */
async function startGateway(variables: Record<string, string>): Promise<RunningGateway> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...variables },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!/listening on (http:\/\/[^\s"]+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /listening on (http:\/\/[^\s"]+)/.exec(output)?.[1] ?? '';
  return { child, output: () => output, url };
}

describe('gateway process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  // A failed assertion must not leave a gateway process behind.
  afterEach(() =>
    started.splice(0).forEach((child) => child.exitCode === null && child.kill('SIGKILL')),
  );

  it('refuses to start on invalid configuration, naming the variable and the rule', async () => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
      {
        cwd: root,
        env: { PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'chatty' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT: .*number.*"eighty"/i);
    expect(stderr).toMatch(/LOG_LEVEL: /);
  });

  it('serves, logs JSON with the request id, and drains on SIGTERM', async () => {
    const gateway = await startGateway({
      DATABASE_URL: database.url,
      PORT: '0',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      JWT_SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'o2c-keys-')), 'signing-key.pem'),
    });
    const response = await fetch(`${gateway.url}/system/v1/customers?limit=1`, {
      headers: { 'x-request-id': 'lifecycle-1' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('lifecycle-1');
    const ready = await fetch(`${gateway.url}/health/ready`);
    expect(ready.status).toBe(200);

    gateway.child.kill('SIGTERM');
    const [code] = (await once(gateway.child, 'exit')) as [number];
    expect(code).toBe(0);
    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.some((line) => line.requestId === 'lifecycle-1' && line.msg === 'request completed'),
    ).toBe(true);
    expect(lines.some((line) => line.msg === 'draining in-flight requests')).toBe(true);
    expect(lines.some((line) => line.msg === 'stopped')).toBe(true);
  });
});
