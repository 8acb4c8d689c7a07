import { Logger } from '@nestjs/common';
import type { Environment } from '@o2c/config';
import { currentAuditContext } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import { CashRunSummary } from '../application/cash-run.summary';
import type { CashTransactions } from '../cash-transactions';
import type { FileCashApplication } from './file-cash-application';
import type { RemittanceFileParking } from './remittance-file.parking';
import type { RemittanceFileRecorder } from './remittance-file.recorder';
import type { RemittanceFileRepository } from './remittance-file.repository';
import {
  APPLICATION_LEASE_SECONDS,
  FILES_PER_ROUND,
  RemittanceFileResumer,
  RESUMER_ACTOR,
} from './remittance-file.resumer';

/** A stopped file as the stand-in claims it: its id, and the attempt the claim counts. */
type Stopped = string | { id: string; attempt: number; lastError?: string };

/**
 * A resumer over in-memory stand-ins: `stopped` lists the files whose lease ran out, `failing`
 * the files whose cash application throws, `recordingFails` makes every recording throw.
 */
function resumerWith(
  intervalMs: number,
  stopped: Stopped[],
  options: { recordingFails?: boolean; failing?: string[]; maxAttempts?: number } = {},
) {
  const claims: number[] = [];
  const applied: { fileId: string; actor: unknown; options: unknown; audit: unknown }[] = [];
  /** Files whose recording was finished, and the files already applied at that moment. */
  const finished: { fileId: string; actor: unknown; appliedBefore: number }[] = [];
  const failures: { fileId: string; error: string }[] = [];
  const parked: { fileId: string; error: string; actor: unknown }[] = [];
  const recorder = {
    finish: (fileId: string, actor: unknown) => {
      finished.push({ fileId, actor, appliedBefore: applied.length });
      return options.recordingFails
        ? Promise.reject(new Error('recording stopped again'))
        : Promise.resolve();
    },
  } as unknown as RemittanceFileRecorder;
  const transactions = {
    run: <T>(work: (manager: EntityManager) => Promise<T>) => work({} as EntityManager),
  } as unknown as CashTransactions;
  const files = {
    claimStopped: (_manager: EntityManager, leaseSeconds: number) => {
      claims.push(leaseSeconds);
      const next = stopped.shift();
      if (next === undefined) return Promise.resolve(undefined);
      const claimed = typeof next === 'string' ? { id: next, attempt: 1 } : next;
      return Promise.resolve({ lastError: null, ...claimed });
    },
    payments: (_manager: EntityManager, fileId: string) =>
      Promise.resolve([{ id: `${fileId}-p1`, customerId: null }]),
    matchedInReview: () => Promise.resolve([]),
  } as unknown as RemittanceFileRepository;
  const application = {
    apply: (
      fileId: string,
      _payments: unknown,
      _reapply: unknown,
      actor: unknown,
      applyOptions: unknown,
    ) => {
      applied.push({ fileId, actor, options: applyOptions, audit: currentAuditContext() });
      if (options.failing?.includes(fileId)) {
        return Promise.reject(new Error(`application of ${fileId} stopped`));
      }
      return Promise.resolve(new CashRunSummary());
    },
  } as unknown as FileCashApplication;
  const parking = {
    recordFailure: (_manager: EntityManager, fileId: string, error: string) => {
      failures.push({ fileId, error });
      return Promise.resolve();
    },
    park: (_manager: EntityManager, fileId: string, error: string, actor: unknown) => {
      parked.push({ fileId, error, actor });
      return Promise.resolve(true);
    },
  } as unknown as RemittanceFileParking;
  const environment = {
    REMITTANCE_RESUME_INTERVAL_MS: intervalMs,
    REMITTANCE_RESUME_MAX_ATTEMPTS: options.maxAttempts ?? 5,
  } as Environment;
  return {
    resumer: new RemittanceFileResumer(
      environment,
      transactions,
      files,
      recorder,
      application,
      parking,
    ),
    claims,
    applied,
    finished,
    failures,
    parked,
  };
}

describe('RemittanceFileResumer', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('resumes each file whose lease ran out, as the system, until none is left', async () => {
    const { resumer, claims, applied, finished } = resumerWith(0, ['f1', 'f2']);
    const resumed = await resumer.runOnce();
    expect(resumed.map((file) => file.fileId)).toEqual(['f1', 'f2']);
    expect(resumed[0]).toEqual({
      outcome: 'resumed',
      fileId: 'f1',
      attempt: 1,
      payments: 1,
      applied: 0,
      onAccount: 0,
      inReview: 0,
      unidentified: 0,
    });
    expect(claims).toEqual([
      APPLICATION_LEASE_SECONDS,
      APPLICATION_LEASE_SECONDS,
      APPLICATION_LEASE_SECONDS,
    ]);
    expect(applied[0]).toMatchObject({
      fileId: 'f1',
      actor: RESUMER_ACTOR,
      options: { resumed: true },
      audit: { principal: 'system:remittance-resumer', principalType: 'system' },
    });
    // Each file's recording is finished before its cash is applied.
    expect(finished).toEqual([
      { fileId: 'f1', actor: RESUMER_ACTOR, appliedBefore: 0 },
      { fileId: 'f2', actor: RESUMER_ACTOR, appliedBefore: 1 },
    ]);
  });

  it('still applies what was recorded when finishing the recording fails, then counts the attempt as failed', async () => {
    const { resumer, applied, finished, failures, parked } = resumerWith(0, ['f1'], {
      recordingFails: true,
    });
    expect(await resumer.runOnce()).toEqual([
      { outcome: 'failed', fileId: 'f1', attempt: 1, error: 'recording stopped again' },
    ]);
    expect(finished.map((file) => file.fileId)).toEqual(['f1']);
    // The payments recorded so far are applied or queued: no money waits where nobody sees it.
    expect(applied.map((file) => file.fileId)).toEqual(['f1']);
    expect(failures).toEqual([{ fileId: 'f1', error: 'recording stopped again' }]);
    expect(parked).toEqual([]);
    expect(Logger.prototype.warn).toHaveBeenCalledWith(
      expect.objectContaining({ fileId: 'f1' }),
      expect.stringContaining('finishing its recording failed'),
    );
    expect(Logger.prototype.warn).toHaveBeenCalledWith(
      expect.objectContaining({ fileId: 'f1', attempt: 1, maxAttempts: 5 }),
      expect.stringContaining('resumption attempt 1 of 5 failed'),
    );
    expect(Logger.prototype.error).not.toHaveBeenCalled();
  });

  it('goes on with the next file of the round when one fails', async () => {
    const { resumer, applied, failures } = resumerWith(0, ['f1', 'f2', 'f3'], {
      failing: ['f1'],
    });
    const outcomes = await resumer.runOnce();
    expect(outcomes.map((outcome) => [outcome.fileId, outcome.outcome])).toEqual([
      ['f1', 'failed'],
      ['f2', 'resumed'],
      ['f3', 'resumed'],
    ]);
    expect(applied.map((file) => file.fileId)).toEqual(['f1', 'f2', 'f3']);
    expect(failures).toEqual([{ fileId: 'f1', error: 'application of f1 stopped' }]);
  });

  it('parks a file whose last attempt fails: logged once at error level, no failure noted twice', async () => {
    const { resumer, failures, parked } = resumerWith(0, [{ id: 'f1', attempt: 3 }], {
      failing: ['f1'],
      maxAttempts: 3,
    });
    expect(await resumer.runOnce()).toEqual([
      { outcome: 'parked', fileId: 'f1', attempt: 3, error: 'application of f1 stopped' },
    ]);
    expect(parked).toEqual([
      { fileId: 'f1', error: 'application of f1 stopped', actor: RESUMER_ACTOR },
    ]);
    expect(failures).toEqual([]);
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({
        fileId: 'f1',
        attempts: 3,
        lastError: 'application of f1 stopped',
      }),
      expect.stringContaining('parked after 3 resumption attempts without success'),
    );
  });

  it('resumes a file on its last attempt as any other when that attempt succeeds', async () => {
    const { resumer, parked } = resumerWith(0, [{ id: 'f1', attempt: 3 }], { maxAttempts: 3 });
    expect(await resumer.runOnce()).toEqual([
      expect.objectContaining({ outcome: 'resumed', fileId: 'f1', attempt: 3 }),
    ]);
    expect(parked).toEqual([]);
  });

  it('parks without trying a file whose last attempt never reported back', async () => {
    const { resumer, finished, applied, parked } = resumerWith(0, [{ id: 'f1', attempt: 4 }], {
      maxAttempts: 3,
    });
    const [outcome] = await resumer.runOnce();
    expect(outcome).toMatchObject({ outcome: 'parked', fileId: 'f1', attempt: 4 });
    expect(parked[0]?.error).toBe(
      'resumption attempts used up (3 of 3); the last never reported back (the gateway stopped during it)',
    );
    expect(finished).toEqual([]);
    expect(applied).toEqual([]);
  });

  it('parks on its next claim a file whose attempts were used up under a lower limit, with its last error', async () => {
    const { resumer, applied, parked } = resumerWith(
      0,
      [{ id: 'f1', attempt: 5, lastError: 'application stopped' }],
      { maxAttempts: 3 },
    );
    expect(await resumer.runOnce()).toEqual([
      {
        outcome: 'parked',
        fileId: 'f1',
        attempt: 5,
        error: 'resumption attempts used up (4 of 3); last error: application stopped',
      },
    ]);
    expect(parked).toHaveLength(1);
    expect(applied).toEqual([]);
  });

  it('takes at most FILES_PER_ROUND files in one round', async () => {
    const many = Array.from({ length: FILES_PER_ROUND + 3 }, (_, index) => `f${index}`);
    const { resumer } = resumerWith(0, many);
    expect(await resumer.runOnce()).toHaveLength(FILES_PER_ROUND);
    expect(await resumer.runOnce()).toHaveLength(3);
  });

  it('starts no timer when the interval is 0', async () => {
    jest.useFakeTimers();
    const { resumer, claims } = resumerWith(0, ['f1']);
    resumer.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(claims).toEqual([]);
    await resumer.beforeApplicationShutdown();
  });

  it('runs a round every interval and stops on shutdown', async () => {
    jest.useFakeTimers();
    const { resumer, claims } = resumerWith(1_000, ['f1']);
    resumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(999);
    expect(claims).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    // f1, then nothing left.
    expect(claims).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(claims).toHaveLength(3);
    await resumer.beforeApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(claims).toHaveLength(3);
  });

  it('never keeps the process alive: its timer is unref’d', async () => {
    const { resumer } = resumerWith(60_000, []);
    resumer.onApplicationBootstrap();
    const timer = (resumer as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    await resumer.beforeApplicationShutdown();
  });
});
