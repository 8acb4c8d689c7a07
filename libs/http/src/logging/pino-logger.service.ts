import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestLoggerStorage } from './request-logger.storage';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's `LoggerService` writing JSON through pino. Inside a request it writes through that
 * request's logger (found in async local storage), so each line carries the request's `req` and
 * `requestId`; outside one, through the root logger.
 *
 * Calls follow Nest's conventions: `(message, ...params, context)`, the context being the last
 * argument a `new Logger('Context')` appends. An object message is merged into the line
 * (`logger.warn({ err, orderId }, 'text')`), an `Error` message goes under `err` with its stack.
 */
@Injectable()
export class PinoLoggerService implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** The current request's logger, or the root one outside a request. */
  get logger(): Logger {
    return requestLoggerStorage.getStore() ?? this.root;
  }

  private write(level: PinoLevel, message: unknown, optionalParams: unknown[]): void {
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    if (optionalParams.length > 0) {
      fields.context = optionalParams.at(-1);
      params = optionalParams.slice(0, -1);
    }
    // pino takes any values after the message (format arguments); its types only accept strings.
    const rest = params as [string?, ...unknown[]];
    const logger = this.logger;
    if (typeof message === 'object') {
      if (message instanceof Error) fields.err = message;
      else Object.assign(fields, message);
      logger[level](fields, ...rest);
    } else if (level === 'error' && typeof message === 'string' && isStackOnly(params)) {
      // Nest's own handlers call `error(message, stack)`: keep the stack as an error's.
      const err = new Error(message);
      err.stack = params[0];
      fields.err = err;
      logger[level](fields);
    } else {
      logger[level](fields, message as string, ...params);
    }
  }
}

function isStackOnly(params: unknown[]): params is [string] {
  return params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0]);
}
