import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';

const root = join(__dirname, '..', '..');
const READY = /o2c-worker ready/;

export interface BenchWorker {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The real worker entry point (`npm run start:worker`), quiet, on an ephemeral port. */
export async function startBenchWorker(variables: Record<string, string>): Promise<BenchWorker> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, WORKER_PORT: '0', LOG_LEVEL: 'info', ...variables },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (READY.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}:\n${output}`)));
  });
  // Drain its log so the pipe never fills and stalls it.
  child.stdout?.resume();
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until no outbox message is pending or failed; resolves with the time it did. */
export async function waitUntilDrained(databaseUrl: string, timeoutMs: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const { rows } = await client.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM outbox_messages WHERE status IN ('pending', 'failed')`,
      );
      if (rows[0].left === 0) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the outbox did not drain in time');
  } finally {
    await client.end();
  }
}
