import type { EntityManager } from 'typeorm';

/**
 * Runs independent reads: at once on the pool (each on its own connection), one after the
 * other on a manager bound to one connection (a transaction's), whose client runs one query at
 * a time anyway and must not be handed a second before the first has answered.
 */
export async function readAll<T extends readonly unknown[]>(
  manager: EntityManager,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (manager.queryRunner === undefined) {
    return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  }
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
