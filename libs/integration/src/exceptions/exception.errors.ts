import { ProblemException } from '@o2c/http';
import type { IntegrationException } from '@o2c/persistence';

/** Stable codes of the exception-queue rules; clients may rely on them. */
export enum ExceptionErrorCode {
  NOT_OPEN = 'EXCEPTION.NOT_OPEN',
  NO_REPLAY_HANDLER = 'EXCEPTION.NO_REPLAY_HANDLER',
  REPLAY_REFUSED = 'EXCEPTION.REPLAY_REFUSED',
}

/** The one place these codes become HTTP statuses; an unmapped code does not compile. */
function statusOf(code: ExceptionErrorCode): number {
  switch (code) {
    case ExceptionErrorCode.NOT_OPEN:
      return 409;
    case ExceptionErrorCode.NO_REPLAY_HANDLER:
    case ExceptionErrorCode.REPLAY_REFUSED:
      return 422;
  }
}

function titleOf(code: ExceptionErrorCode): string {
  switch (code) {
    case ExceptionErrorCode.NOT_OPEN:
      return 'The exception is not open';
    case ExceptionErrorCode.NO_REPLAY_HANDLER:
      return 'Nothing replays this exception';
    case ExceptionErrorCode.REPLAY_REFUSED:
      return 'The exception cannot be replayed';
  }
}

function exceptionProblem(
  code: ExceptionErrorCode,
  path: string,
  rule: string,
  message: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  return new ProblemException(code, message, [{ path, rule, message }], {
    status: statusOf(code),
    title: titleOf(code),
    extensions,
  });
}

export function exceptionNotOpen(
  exception: IntegrationException,
  action: string,
): ProblemException {
  return exceptionProblem(
    ExceptionErrorCode.NOT_OPEN,
    '/status',
    'exception-open',
    `exception ${exception.id} is ${exception.status}; only open exceptions can be ${action}`,
  );
}

export function noReplayHandler(exception: IntegrationException): ProblemException {
  return exceptionProblem(
    ExceptionErrorCode.NO_REPLAY_HANDLER,
    '/source',
    'replay-handler',
    `nothing replays ${exception.kind} exceptions from ${exception.source}; discard it once handled`,
  );
}

export function replayRefused(reason: string, message: string): ProblemException {
  return exceptionProblem(ExceptionErrorCode.REPLAY_REFUSED, '/reference', 'replayable', message, {
    reason,
  });
}
