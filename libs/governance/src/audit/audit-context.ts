import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is writing, through which operation, in which request: stamped on every audit row. */
export interface AuditContext {
  /** principalKey(): kind and subject, e.g. 'sales_rep:u-42'. */
  principal: string;
  /** The principal kind, or 'system' for work the platform does on its own behalf. */
  principalType: string;
  /** operationId, or a use-case name outside HTTP. */
  operation: string;
  /** The request id (X-Request-Id), so a row leads back to the request's logs. */
  correlationId: string | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/**
 * Runs `work` with an audit context: every audited write it makes, however deep, is recorded
 * under it. The gateway sets one per authenticated write request; the worker and processes set
 * their own (principalType 'system'). Writes outside any context (migrations, seeding, test
 * factories) are not audited.
 */
export function runWithAuditContext<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}
