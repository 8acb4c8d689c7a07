import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** The logger of the request being served: pino-http's child carrying `req` and `requestId`. */
export const requestLoggerStorage = new AsyncLocalStorage<Logger>();

/**
 * Runs the rest of the request inside the logger pino-http attached to it, so lines written
 * through Nest's `Logger` while serving it carry its correlation id. Mounted after pino-http.
 */
export function bindRequestLogger(
  request: IncomingMessage,
  _response: ServerResponse,
  next: () => void,
): void {
  // pino-http keeps one logger per mount; the last is the most specific.
  const logger = request.allLogs.at(-1);
  if (!logger) {
    next();
    return;
  }
  requestLoggerStorage.run(logger, next);
}
