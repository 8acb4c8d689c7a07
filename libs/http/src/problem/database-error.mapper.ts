import { ApiErrorCode } from './api-error-code';
import { ProblemException } from './problem.exception';

interface PostgresErrorShape {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PostgresErrorShape;
}

/**
 * Constraint violations that slipped past validation still become 4xx answers: the database
 * constraints are the last line of defence (see migrations), and their names say which rule.
 */
export function problemFromDatabaseError(error: unknown): ProblemException | undefined {
  const shape = error as PostgresErrorShape | undefined;
  const pg = shape?.driverError ?? shape;
  const code = pg?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const constraint = pg?.constraint ?? 'unknown';
  switch (code) {
    case '23505':
      return new ProblemException(
        ApiErrorCode.ALREADY_EXISTS,
        `A record with the same key already exists (${constraint})`,
        [{ path: '/body', rule: `unique:${constraint}`, message: pg?.detail ?? 'duplicate key' }],
      );
    case '23503':
      return new ProblemException(
        ApiErrorCode.REFERENCE_NOT_FOUND,
        `A referenced record does not exist or is still in use (${constraint})`,
        [
          {
            path: '/body',
            rule: `reference:${constraint}`,
            message: pg?.detail ?? 'foreign key violation',
          },
        ],
      );
    case '23514':
    case '23502':
      return new ProblemException(
        ApiErrorCode.BUSINESS_RULE_VIOLATED,
        `The change breaks the rule ${constraint}`,
        [
          {
            path: '/body',
            rule: `check:${constraint}`,
            message: 'rejected by a data integrity rule',
          },
        ],
      );
    case '40001':
    case '40P01':
      return new ProblemException(
        ApiErrorCode.CONFLICT,
        'A concurrent change got there first; retry the request',
      );
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new ProblemException(
        ApiErrorCode.VALIDATION_FAILED,
        'A value has the wrong format or is out of range',
        [{ path: '/body', rule: 'format', message: 'value out of range or malformed' }],
      );
    default:
      return undefined;
  }
}
