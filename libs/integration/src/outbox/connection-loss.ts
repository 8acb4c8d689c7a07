import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** SQLSTATE classes of a lost or refused connection: 08 (connection exception) and 57P
 *  (operator intervention: shutdown, pg_terminate_backend). */
const CONNECTION_STATES = /^(?:08|57P)/;
const CONNECTION_MESSAGES =
  /Connection terminated|connection (?:is )?(?:closed|ended)|ECONNRESET|ECONNREFUSED/i;

/**
 * Whether a sink's error is the database connection going away rather than anything about the
 * message: the batch is then retried like any failed batch, without counting an attempt
 * against the message.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_STATES.test(code)) return true;
  return cause instanceof Error && CONNECTION_MESSAGES.test(cause.message);
}
