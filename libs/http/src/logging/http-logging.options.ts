import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level } from 'pino';
import type { Options } from 'pino-http';

/** `LOG_LEVEL` as the environment schema accepts it. */
export type LogLevel = Level | 'silent';

/** Probes and scrapes every few seconds would drown the request log. */
const UNLOGGED_PATHS = /^\/(?:health\/|metrics(?:\?|$))/;

/** A Fastify request as Nest middleware sees it: the raw message with Fastify's id and URL. */
interface MiddlewareRequest {
  id?: string;
  originalUrl?: string;
}

/**
 * pino-http settings: one JSON line per request (`req`, `res`, `responseTime`) carrying the
 * correlation id, credentials redacted, probe paths unlogged, 4xx as warn and 5xx as error.
 */
export function httpLoggingOptions(level: LogLevel): Options {
  return {
    level,
    genReqId: (request) => (request as MiddlewareRequest).id ?? '',
    // Every line logged while serving a request carries its correlation id at the top.
    customProps: (request) => ({ requestId: (request as MiddlewareRequest).id }),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
    // The middleware sees `url` relative to its mount point; `originalUrl` is the request's own.
    autoLogging: {
      ignore: (request) =>
        UNLOGGED_PATHS.test((request as MiddlewareRequest).originalUrl ?? request.url ?? ''),
    },
    customLogLevel: requestLogLevel,
  };
}

export function requestLogLevel(
  _request: IncomingMessage,
  response: ServerResponse,
  error?: Error,
): 'error' | 'warn' | 'info' {
  if (error || response.statusCode >= 500) return 'error';
  return response.statusCode >= 400 ? 'warn' : 'info';
}
