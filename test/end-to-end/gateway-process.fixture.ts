import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const LISTENING = /o2c-gateway listening on (http:\/\/[^\s"]+)/;

export interface GatewayProcess {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real gateway entry point (as `npm start` does) on a free port and waits until it
 *  listens. */
export async function spawnGateway(variables: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SEED_DEMO_DATA: 'false',
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
  const deadline = Date.now() + 90_000;
  while (!LISTENING.test(output)) {
    if (exited()) throw new Error(`gateway exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await end('SIGKILL');
      throw new Error(`gateway did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: LISTENING.exec(output)?.[1] ?? '',
    output: () => output,
    stop: () => end('SIGTERM'),
  };
}
