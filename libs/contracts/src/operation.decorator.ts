import { SetMetadata } from '@nestjs/common';

export const OPERATION_ID = 'o2c:operationId';

/** Binds a handler to the contract operation with this operationId. Validation (and, as the
 *  governance layer grows, auth, scopes, rate limits and idempotency) come from that operation. */
export const Operation = (operationId: string): MethodDecorator =>
  SetMetadata(OPERATION_ID, operationId);
