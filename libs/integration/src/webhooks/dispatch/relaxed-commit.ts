/**
 * For the dispatcher's own bookkeeping (leases, delivered attempts): the commit does not wait
 * for its WAL flush. Should the database crash in the next instant, the worst outcome is that a
 * delivery is sent again with the same webhook-id, which at-least-once delivery allows.
 * Failures and exception-queue entries are flushed as usual.
 */
export const RELAXED_COMMIT = 'SET LOCAL synchronous_commit = off';
