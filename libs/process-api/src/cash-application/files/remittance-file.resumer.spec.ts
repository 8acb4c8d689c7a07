import { Logger } from '@nestjs/common';
import type { Environment } from '@o2c/config';
import { currentAuditContext } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import { CashRunSummary } from '../application/cash-run.summary';
import type { CashTransactions } from '../cash-transactions';
import type { FileCashApplication } from './file-cash-application';
import type { RemittanceFileRecorder } from './remittance-file.recorder';
import type { RemittanceFileRepository } from './remittance-file.repository';
import {
  APPLICATION_LEASE_SECONDS,
  FILES_PER_ROUND,
  RemittanceFileResumer,
  RESUMER_ACTOR,
} from './remittance-file.resumer';

/** A resumer over in-memory stand-ins: `stopped` lists the files whose lease ran out. */
function resumerWith(intervalMs: number, stopped: string[], recordingFails = false) {
  const claims: number[] = [];
  const applied: { fileId: string; actor: unknown; options: unknown; audit: unknown }[] = [];
  /** Files whose recording was finished, and the files already applied at that moment. */
  const finished: { fileId: string; actor: unknown; appliedBefore: number }[] = [];
  const recorder = {
    finish: (fileId: string, actor: unknown) => {
      finished.push({ fileId, actor, appliedBefore: applied.length });
      return recordingFails
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
      return Promise.resolve(stopped.shift());
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
      options: unknown,
    ) => {
      applied.push({ fileId, actor, options, audit: currentAuditContext() });
      return Promise.resolve(new CashRunSummary());
    },
  } as unknown as FileCashApplication;
  const environment = { REMITTANCE_RESUME_INTERVAL_MS: intervalMs } as Environment;
  return {
    resumer: new RemittanceFileResumer(environment, transactions, files, recorder, application),
    claims,
    applied,
    finished,
  };
}

describe('RemittanceFileResumer', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('resumes each file whose lease ran out, as the system, until none is left', async () => {
    const { resumer, claims, applied, finished } = resumerWith(0, ['f1', 'f2']);
    const resumed = await resumer.runOnce();
    expect(resumed.map((file) => file.fileId)).toEqual(['f1', 'f2']);
    expect(resumed[0]).toMatchObject({ payments: 1, applied: 0, inReview: 0 });
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

  it('still applies what was recorded when finishing the recording fails, then reports the failure', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { resumer, applied, finished } = resumerWith(0, ['f1'], true);
    await expect(resumer.runOnce()).rejects.toThrow('recording stopped again');
    expect(finished.map((file) => file.fileId)).toEqual(['f1']);
    // The payments recorded so far are applied or queued: no money waits where nobody sees it.
    expect(applied.map((file) => file.fileId)).toEqual(['f1']);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({ fileId: 'f1' }),
      expect.stringContaining('finishing its recording failed'),
    );
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
