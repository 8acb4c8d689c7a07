import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface GatewayProcess {
  url: string;
  output: () => string;
  /** Resolves true once the output matches (log lines of different loggers may lag), else false. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts the real entry point (as `npm start` does) and waits until it listens. */
export async function spawnGateway(variables: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...variables },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const deadline = Date.now() + 45_000;
  while (!/listening on (http:\/\/[^\s"]+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`gateway did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /listening on (http:\/\/[^\s"]+)/.exec(output)?.[1] ?? '';
  const waitForOutput = async (pattern: RegExp, timeoutMs = 5_000): Promise<boolean> => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > until || child.exitCode !== null) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  };
  return { url, output: () => output, waitForOutput, stop };
}
