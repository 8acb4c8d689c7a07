import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const root = join(__dirname, '..', '..');
const started: ChildProcess[] = [];

interface RunningGateway {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/**
 * Each test starts `node -r @swc-node/register`, which compiles the whole gateway before it
 * runs: 20 s and more while other suites keep both cores busy, and past Jest's default 30 s
 * timeout in a full run (the other process fixtures give their starts 45-90 s as well).
 */
const START_TIMEOUT_MS = 60_000;
// Above START_TIMEOUT_MS, so a slow start fails with the gateway's output, not a bare timeout.
jest.setTimeout(START_TIMEOUT_MS + 30_000);
const LISTENING = /listening on (http:\/\/[^\s"]+)/;

/** The entry point, as `npm start` runs it; stopped after each test (see stopProcess). */
function spawnGateway(env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return child;
}

/**
 * Kills a gateway still running and waits for its exit, so that no process, pipe or pending
 * wait of a test outlives it. A process killed by a signal has a signalCode, not an exitCode.
 */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Starts the gateway and waits until it listens, exits, or START_TIMEOUT_MS runs out. */
async function startGateway(variables: Record<string, string>): Promise<RunningGateway> {
  const child = spawnGateway({ PATH: process.env.PATH, HOME: process.env.HOME, ...variables });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = LISTENING.exec(output)?.[1];
      if (url !== undefined) settle(() => resolve(url));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(new Error(`gateway exited (${signal ?? code}):\n${output}`)));
    const deadline = setTimeout(
      () => settle(() => reject(new Error(`gateway did not start:\n${output}`))),
      START_TIMEOUT_MS,
    );
    function settle(outcome: () => void): void {
      clearTimeout(deadline);
      child.off('exit', onExit);
      outcome();
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
  const url = await listening;
  return { child, output: () => output, url };
}

describe('gateway process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  // A failed assertion or a timeout must not leave a gateway process behind.
  afterEach(() => Promise.all(started.splice(0).map(stopProcess)));

  it('refuses to start on invalid configuration, naming the variable and the rule', async () => {
    const child = spawnGateway({ PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'chatty' });
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
