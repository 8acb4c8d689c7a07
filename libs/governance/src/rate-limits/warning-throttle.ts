import type { Logger } from '@nestjs/common';

/** Logs a recurring warning at most once per interval: when Redis is down every request would
 *  otherwise log the same line. Counts what it held back so the next line says how many. */
export class WarningThrottle {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly everyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  warn(message: string, error?: unknown): void {
    const now = this.now();
    if (now - this.lastLoggedAt < this.everyMs) {
      this.suppressed += 1;
      return;
    }
    const reason = describe(error);
    const repeated = this.suppressed > 0 ? ` (${this.suppressed} more since the last warning)` : '';
    this.logger.warn(`${message}${reason ? `: ${reason}` : ''}${repeated}`);
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}

/** The message of an error, also from another realm (errors of node:net under jest are not
 *  `instanceof Error` there). */
function describe(error: unknown): string {
  if (error === undefined) return '';
  if (typeof error === 'string') return error;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (typeof code === 'string') return code;
  return JSON.stringify(error) ?? 'unknown error';
}
