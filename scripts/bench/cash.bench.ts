import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@o2c/persistence';
import { Client } from 'pg';
import { startBenchGateway } from './bench-gateway.process';
import { meterCpu } from './cpu-meter';
import { signBenchToken } from './bench-token';
import { runCashBaseline } from './cash-baseline';
import { seedCashLedger } from './cash-seed';
import { benchWorkload, x12Interchange } from './cash-workload';

/**
 * `npm run bench:cash`: a ledger of 1,000,000 open invoices across 10,000 customers (seeded
 * with set-based SQL, then VACUUM (ANALYZE)), 100,000 remittance lines in a realistic mix as one X12 820
 * file, imported through POST /process/v1/remittance-files on the machine's PostgreSQL
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh database is
 * created and dropped). Prints lines/s, the auto-match rate by rule, the gateway's peak RSS,
 * and the plain set-based exact/amount SQL on the same lines in the same run. Targets: the
 * whole batch under 20 s, memory under 1 GiB.
 */
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const PER_CUSTOMER = Number(process.env.BENCH_INVOICES_PER_CUSTOMER ?? 100);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (line: string) => process.stdout.write(`${line}\n`);
const MIB = 1024 * 1024;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function databaseExists(database: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Peak resident set size of a process (VmHWM), or the current one (VmRSS), in bytes. */
function peakRss(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return Number(kib ?? 0) * 1024;
}

/** When in the import the resident set was largest (sampled four times a second). */
function watchRss(pid: number): () => { atMs: number; bytes: number } {
  const started = Date.now();
  let top = { atMs: 0, bytes: 0 };
  const timer = setInterval(() => {
    const bytes = peakRss(pid, 'VmRSS');
    if (bytes > top.bytes) top = { atMs: Date.now() - started, bytes };
  }, 250);
  return () => {
    clearInterval(timer);
    return top;
  };
}

async function outcome(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rules = await client.query<{ rule: string; lines: string; payments: string }>(
      `SELECT rule, count(*)::text AS lines, count(DISTINCT payment_id)::text AS payments
         FROM cash_applications WHERE status = 'applied' GROUP BY rule ORDER BY count(*) DESC`,
    );
    const statuses = await client.query<{ status: string; n: string }>(
      'SELECT status, count(*)::text AS n FROM payments GROUP BY status ORDER BY status',
    );
    const [counts] = (
      await client.query<{ tasks: string; disputes: string; unidentified: string; lines: string }>(
        `SELECT (SELECT count(*) FROM tasks WHERE queue = 'cash-application')::text AS tasks,
                (SELECT count(*) FROM disputes)::text AS disputes,
                (SELECT count(*) FROM payments WHERE customer_id IS NULL)::text AS unidentified,
                (SELECT count(*) FROM remittance_lines)::text AS lines`,
      )
    ).rows;
    return { rules: rules.rows, statuses: statuses.rows, counts };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = `o2c_bench_cash_${randomBytes(4).toString('hex')}`;
  const invoices = CUSTOMERS * PER_CUSTOMER;
  let started = Date.now();
  // BENCH_SEEDED=<database>: a ledger seeded once (with these sizes) is copied, not seeded again.
  const seeded = process.env.BENCH_SEEDED;
  if (seeded && (await databaseExists(seeded))) {
    await admin(`CREATE DATABASE "${name}" TEMPLATE "${seeded}"`);
    log(`copied the seeded ledger ${seeded} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    await admin(`CREATE DATABASE "${name}"`);
  }
  const url = withDatabase(SERVER, name);
  try {
    // On a copy, only the migrations added since it was seeded run.
    await runMigrations(url);
    if (!seeded || !(await databaseExists(seeded))) {
      log(
        `seeding ${CUSTOMERS.toLocaleString('en-US')} customers, ${invoices.toLocaleString('en-US')} open invoices...`,
      );
      await seedCashLedger(url, CUSTOMERS, invoices, log);
      log(
        `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s (set-based SQL, VACUUM (ANALYZE))`,
      );
      if (seeded) await admin(`CREATE DATABASE "${seeded}" TEMPLATE "${name}"`);
    }

    started = Date.now();
    const workload = benchWorkload(LINES, CUSTOMERS, PER_CUSTOMER);
    const file = Buffer.from(x12Interchange(workload));
    log(
      `workload: ${workload.payments.length.toLocaleString('en-US')} payments, ${workload.lines.toLocaleString('en-US')} remittance lines, X12 820 file of ${(file.length / MIB).toFixed(1)} MiB (${Date.now() - started} ms)`,
    );
    log(
      `  mix: ${[...workload.byScenario.entries()].map(([scenario, n]) => `${scenario} ${n}`).join(', ')}`,
    );

    const baseline = await runCashBaseline(url, workload);

    const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
    const server = await startBenchGateway(url, keyFile);
    try {
      const token = signBenchToken(keyFile);
      const pid = server.child.pid ?? 0;
      const rssBefore = peakRss(pid);
      const meter = await meterCpu(url, pid);
      const rssWatch = watchRss(pid);
      started = Date.now();
      const response = await fetch(
        `http://127.0.0.1:${server.port}/process/v1/remittance-files?fileName=bench.820`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edi-x12' },
          body: file,
        },
      );
      const elapsed = Date.now() - started;
      const answer = await response.text();
      const body = JSON.parse(answer) as Record<string, unknown>;
      if (response.status !== 201)
        throw new Error(`import answered ${response.status}: ${JSON.stringify(body)}`);
      const peak = peakRss(pid);
      const rssTop = rssWatch();
      const cpu = await meter();
      const result = await outcome(url);
      const lines = Number(result.counts?.lines ?? workload.lines);
      const application = body.application as { elapsedMs: number };
      log('');
      log(
        `POST /process/v1/remittance-files: ${workload.lines.toLocaleString('en-US')} lines, ${workload.payments.length.toLocaleString('en-US')} payments against ${invoices.toLocaleString('en-US')} open invoices`,
      );
      log(
        `  whole batch     ${(elapsed / 1000).toFixed(2)} s   ${Math.round(workload.lines / (elapsed / 1000)).toLocaleString('en-US')} lines/s   (parse, claim and identify ${((elapsed - application.elapsedMs) / 1000).toFixed(2)} s, record and apply ${(application.elapsedMs / 1000).toFixed(2)} s)`,
      );
      log(`  target          under 20 s: ${elapsed < 20_000 ? 'met' : 'MISSED'}`);
      log(
        `  answer          ${response.status}, ${(Buffer.byteLength(answer) / 1024).toFixed(1)} KiB (the file's report)`,
      );
      log(
        `  CPU             gateway ${cpu.client.toFixed(1)} s, PostgreSQL backends ${cpu.database.toFixed(1)} s (2 cores: ${(((cpu.client + cpu.database) / (elapsed / 1000) / 2) * 100).toFixed(0)} % busy)`,
      );
      log(
        `  gateway RSS     peak ${(peak / MIB).toFixed(0)} MiB (${(rssBefore / MIB).toFixed(0)} MiB before the import); target under 1024 MiB: ${peak < 1024 * MIB ? 'met' : 'MISSED'}; largest ${(rssTop.bytes / MIB).toFixed(0)} MiB at ${(rssTop.atMs / 1000).toFixed(1)} s`,
      );
      log('  auto-applied by rule (remittance lines / payments):');
      let appliedLines = 0;
      for (const row of result.rules) {
        appliedLines += Number(row.lines);
        log(
          `    ${row.rule.padEnd(32)} ${row.lines.padStart(7)} applications  ${((Number(row.lines) / lines) * 100).toFixed(1).padStart(5)} % of lines   ${row.payments.padStart(6)} payments`,
        );
      }
      const applied = result.statuses.find((row) => row.status === 'applied')?.n ?? '0';
      log(
        `  auto-match rate ${((appliedLines / lines) * 100).toFixed(1)} % of lines got an application; ${((Number(applied) / workload.payments.length) * 100).toFixed(1)} % of payments fully applied without a person`,
      );
      log(`  payments        ${result.statuses.map((row) => `${row.status} ${row.n}`).join(', ')}`);
      log(
        `  queue           ${result.counts?.tasks} cash-application tasks (${result.counts?.unidentified} unidentified payers), ${result.counts?.disputes} deductions opened`,
      );
      log('');
      log(
        `baseline: plain set-based SQL on the same ${baseline.lines.toLocaleString('en-US')} lines (exact number + balance, unique amount; no identification, rows, events or audit)`,
      );
      log(
        `  ${(baseline.ms / 1000).toFixed(2)} s   ${Math.round(baseline.lines / (baseline.ms / 1000)).toLocaleString('en-US')} lines/s   ${baseline.exactMatches.toLocaleString('en-US')} exact + ${baseline.amountMatches.toLocaleString('en-US')} amount matches`,
      );
      log(
        `  ratio           the whole batch took ${(elapsed / baseline.ms).toFixed(1)} x the baseline (measured in this run, on this machine)`,
      );
      log(`bench process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    } finally {
      server.child.kill('SIGTERM');
    }
  } finally {
    if (process.env.BENCH_KEEP_DATABASE) log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
