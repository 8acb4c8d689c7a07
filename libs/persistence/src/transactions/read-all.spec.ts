import type { EntityManager } from 'typeorm';
import { readAll } from './read-all';

/** Reads that log when they start and end, each answering after the event loop turns. */
function loggedReads(log: string[]) {
  const read = (name: string, value: number) => async () => {
    log.push(`start ${name}`);
    await new Promise((resolve) => setImmediate(resolve));
    log.push(`end ${name}`);
    return value;
  };
  return [read('a', 1), read('b', 2)] as const;
}

describe('readAll', () => {
  it('runs the reads at once on the pool, answering in the order given', async () => {
    const log: string[] = [];
    const pool = {} as EntityManager;
    await expect(readAll<[number, number]>(pool, loggedReads(log))).resolves.toEqual([1, 2]);
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b']);
  });

  it('runs them one after the other on a manager bound to one connection', async () => {
    const log: string[] = [];
    const transaction = { queryRunner: {} } as EntityManager;
    await expect(readAll<[number, number]>(transaction, loggedReads(log))).resolves.toEqual([1, 2]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
