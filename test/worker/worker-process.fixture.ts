import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const READY = /o2c-worker ready; health at (http:\/\/[^\s"]+)\/health\/ready/;

export interface WorkerProcess {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  pid: number;
  output(): string;
  alive(): boolean;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<boolean>;
  /** SIGKILL: no shutdown hook runs, the open transaction is cut off. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the real worker entry point (as `npm run start:worker` does) and waits until it
 *  serves its health endpoint. */
export async function spawnWorker(variables: Record<string, string>): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        WORKER_PORT: '0',
        LOG_LEVEL: 'info',
        ...variables,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals) => {
    if (exited()) return;
    const gone = once(child, 'exit');
    child.kill(signal);
    await gone;
  };
  const deadline = Date.now() + 45_000;
  while (!READY.test(output)) {
    if (exited()) throw new Error(`worker exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await end('SIGKILL');
      throw new Error(`worker did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = READY.exec(output)?.[1] ?? '';
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    alive: () => !exited(),
    async waitForOutput(pattern, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > until || exited()) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return true;
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return condition();
}
