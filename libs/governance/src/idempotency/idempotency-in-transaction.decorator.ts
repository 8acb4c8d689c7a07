import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_IN_TRANSACTION = 'o2c:idempotency-in-transaction';

/**
 * The handler's use case opens its transaction with `joinOrBeginTransaction` (@o2c/persistence):
 * its Idempotency-Key is then claimed and completed in that same transaction, so the stored
 * answer commits with the change it describes (no crash window, no extra commits). Without
 * this decorator the key is claimed and completed in statements of their own.
 */
export const IdempotencyInTransaction = (): MethodDecorator =>
  SetMetadata(IDEMPOTENCY_IN_TRANSACTION, true);
