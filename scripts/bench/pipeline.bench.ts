import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { benchDatabase } from './bench-database';
import { startBenchGateway } from './bench-gateway.process';
import { signBenchToken } from './bench-token';

/**
 * `npm run bench`: one authenticated, validated, rate-limited GET through the whole gateway
 * pipeline vs the same handler with the pipeline bypassed, measured in the same run.
 * Targets: the pipeline keeps >= 70 % of the bare throughput and adds <= 1 ms at p50.
 */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Pipeline and bare alternate this many times; each figure is the median of its runs, so a
 *  change in the machine's other load during the run weighs on both sides alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_S ?? 5);

interface Figures {
  requestsPerSecond: number;
  /** CPU time of the gateway process per request (user + system), ms. */
  gatewayCpuMs: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** CPU time a process has used so far (user + system), ms; Linux clock ticks are 10 ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measure(
  url: string,
  headers: Record<string, string>,
  duration: number,
  pid: number,
): Promise<Figures> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration });
  return {
    requestsPerSecond: result.requests.average,
    gatewayCpuMs: (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

interface Latency {
  count: number;
  p50: number;
  p99: number;
}

/** One request at a time for `seconds`, timed with hrtime: exact percentiles of the cost of a
 *  request without queueing (autocannon rounds latencies to whole milliseconds). */
async function measureLatency(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<Latency> {
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { count: samples.length, p50: at(0.5), p99: at(0.99) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The run whose figure is the median of the runs. */
function medianBy<T>(runs: readonly T[], figure: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function latencyRow(name: string, latency: Latency): string {
  return `${name.padEnd(10)} ${String(latency.count).padStart(8)} requests   p50 ${latency.p50.toFixed(3)} ms   p99 ${latency.p99.toFixed(3)} ms`;
}

function row(name: string, figures: Figures): string {
  return `${name.padEnd(10)} ${figures.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${figures.p50
    .toFixed(2)
    .padStart(
      6,
    )} ms   p99 ${figures.p99.toFixed(2).padStart(6)} ms   gateway CPU ${figures.gatewayCpuMs.toFixed(3)} ms/request   non-2xx ${figures.non2xx}   errors ${figures.errors}`;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
  const server = await startBenchGateway(database.url, keyFile);
  try {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM customers ORDER BY customer_number LIMIT 1',
    );
    await client.end();
    const customerId = rows[0]?.id;
    if (!customerId) throw new Error('no customer to read');
    const token = signBenchToken(keyFile);
    const pid = server.child.pid ?? 0;
    const base = `http://127.0.0.1:${server.port}`;
    const governed = {
      url: `${base}/system/v1/customers/${customerId}`,
      headers: { authorization: `Bearer ${token}` },
    };
    const bare = { url: `${base}/bench/bare/customers/${customerId}`, headers: {} };

    // Both paths warm until the JIT has compiled them (the governed one has more to compile).
    process.stdout.write(`warming up...\n`);
    for (let round = 0; round < 2; round++) {
      await measure(governed.url, governed.headers, WARM_UP_S, pid);
      await measure(bare.url, bare.headers, WARM_UP_S, pid);
    }
    // Throughput at saturation, then latency one request at a time: under saturation p50 is
    // mostly queueing (connections / throughput), which would hide the per-request cost.
    const pipelineRuns: Figures[] = [];
    const baselineRuns: Figures[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const governedRun = await measure(governed.url, governed.headers, DURATION_S, pid);
      const bareRun = await measure(bare.url, bare.headers, DURATION_S, pid);
      pipelineRuns.push(governedRun);
      baselineRuns.push(bareRun);
      ratios.push(governedRun.requestsPerSecond / bareRun.requestsPerSecond);
      process.stdout.write(
        `round ${round + 1}: pipeline ${governedRun.requestsPerSecond.toFixed(0)} req/s, bare ${bareRun.requestsPerSecond.toFixed(0)} req/s (${((ratios[round] ?? 0) * 100).toFixed(1)} %)\n`,
      );
    }
    const pipelineLatencies: Latency[] = [];
    const baselineLatencies: Latency[] = [];
    const added: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const governedLatency = await measureLatency(governed.url, governed.headers, DURATION_S / 2);
      const bareLatency = await measureLatency(bare.url, bare.headers, DURATION_S / 2);
      pipelineLatencies.push(governedLatency);
      baselineLatencies.push(bareLatency);
      added.push(governedLatency.p50 - bareLatency.p50);
    }
    const pipeline = medianBy(pipelineRuns, (run) => run.requestsPerSecond);
    const baseline = medianBy(baselineRuns, (run) => run.requestsPerSecond);
    const pipelineLatency = medianBy(pipelineLatencies, (run) => run.p50);
    const baselineLatency = medianBy(baselineLatencies, (run) => run.p50);
    const ratio = median(ratios);
    const addedP50 = median(added);
    process.stdout.write(
      [
        `GET /system/v1/customers/{id}, ${ROUNDS} alternating rounds of ${DURATION_S} s (throughput) and ${DURATION_S / 2} s (latency); medians; load average ${loadAverage()}`,
        `throughput, ${CONNECTIONS} connections:`,
        row('pipeline', pipeline),
        row('bare', baseline),
        `latency, one request at a time:`,
        latencyRow('pipeline', pipelineLatency),
        latencyRow('bare', baselineLatency),
        `pipeline keeps ${(ratio * 100).toFixed(1)} % of bare throughput (median of the rounds' ratios; target >= 70 %): ${ratio >= 0.7 ? 'met' : 'MISSED'}`,
        `pipeline adds ${addedP50.toFixed(3)} ms at p50 (median of the rounds; target <= 1 ms): ${addedP50 <= 1 ? 'met' : 'MISSED'}`,
        '',
      ].join('\n'),
    );
  } finally {
    server.child.kill('SIGTERM');
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
