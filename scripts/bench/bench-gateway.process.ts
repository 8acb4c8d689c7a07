import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const root = join(__dirname, '..', '..');

/** A copy of the contracts whose plans cannot throttle the load: the limiter still counts
 *  every request, it just never says no. */
function unthrottledContracts(): string {
  const directory = mkdtempSync(join(tmpdir(), 'o2c-bench-contracts-'));
  cpSync(join(root, 'openapi'), directory, { recursive: true });
  const file = join(directory, 'governance.yaml');
  const governance = parse(readFileSync(file, 'utf8')) as {
    plans: Record<string, { limits: unknown[] }>;
  };
  for (const plan of Object.values(governance.plans))
    plan.limits = [{ limit: 100_000_000, window: '1s' }];
  writeFileSync(file, stringify(governance));
  return directory;
}

export async function startBenchGateway(
  databaseUrl: string,
  keyFile: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      // V8 flags to try on the gateway (e.g. `--max-semi-space-size=64`), space-separated.
      ...(process.env.BENCH_GATEWAY_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      ...(process.env.BENCH_CPU_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE]
        : []),
      '-r',
      '@swc-node/register',
      'scripts/bench/bench-gateway.server.ts',
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        SEED_DEMO_DATA: 'false',
        CONTRACTS_DIR: unthrottledContracts(),
        JWT_SIGNING_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+)/.exec(output);
      if (ready?.[1]) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench gateway exited with ${code}`)));
  });
  // BENCH_GATEWAY_STDOUT=<file>: what the gateway prints (e.g. with --trace-gc) goes there.
  const copy = process.env.BENCH_GATEWAY_STDOUT;
  if (copy) child.stdout?.pipe(createWriteStream(copy));
  else child.stdout?.resume();
  return { child, port };
}
