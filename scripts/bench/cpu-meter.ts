import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface CpuFigures {
  /** CPU seconds of the measured client process (the gateway, or the bench for a baseline). */
  client: number;
  /** CPU seconds of the database's server backends (not of the shared auxiliary processes). */
  database: number;
}

/**
 * Measures the CPU a run costs: one client process and every server backend connected to the
 * bench database, sampled twice a second so backends that close before the end still count.
 * A backend first seen during the run counts from zero.
 */
export async function meterCpu(
  databaseUrl: string,
  clientPid: number,
): Promise<() => Promise<CpuFigures>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const startOf = new Map<number, number>();
  const lastOf = new Map<number, number>();
  const clientStart = cpuSecondsOf(clientPid) ?? 0;
  let first = true;
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const seconds = cpuSecondsOf(pid);
      if (seconds === undefined) continue;
      if (!startOf.has(pid)) startOf.set(pid, first ? seconds : 0);
      lastOf.set(pid, seconds);
    }
    first = false;
  };
  await sample();
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample).catch(() => undefined);
  }, 500);
  return async () => {
    clearInterval(timer);
    await sampling;
    await sample();
    await client.end();
    let database = 0;
    for (const [pid, last] of lastOf) database += last - (startOf.get(pid) ?? 0);
    return { client: (cpuSecondsOf(clientPid) ?? 0) - clientStart, database };
  };
}
