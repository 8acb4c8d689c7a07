import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const open = new AsyncLocalStorage<EntityManager>();

/**
 * Opens a transaction that `joinOrBeginTransaction` calls made inside `work` (however deep,
 * across awaits) take part in: one connection, one COMMIT for all of it. The gateway opens one
 * around a handler whose use case commits together with the request's own records (e.g. its
 * Idempotency-Key). Committed when `work` resolves, rolled back when it throws.
 */
export function runInSharedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction((manager) => open.run(manager, () => work(manager)));
}

/**
 * Runs `work` in the shared transaction open around the caller, or else in a transaction of
 * its own. Either way `work` sees one EntityManager bound to one transaction.
 */
export function joinOrBeginTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const shared = open.getStore();
  return shared ? work(shared) : dataSource.transaction(work);
}
