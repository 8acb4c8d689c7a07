export { ApiErrorCode, mapApiErrorCode, type ErrorCodeMapping } from './problem/api-error-code';
export {
  ProblemException,
  PROBLEM_TYPE_BASE,
  type FieldError,
  type ProblemDocument,
} from './problem/problem.exception';
export { ProblemDetailsFilter, sendProblem, toProblem } from './problem/problem-details.filter';
export { problemFromDatabaseError } from './problem/database-error.mapper';
export { requestIdFor, REQUEST_ID_HEADER } from './correlation/request-id';
export {
  encodeCursor,
  decodeCursor,
  toPage,
  type Page,
  type CursorKey,
  type CursorPart,
  type DecodedCursor,
} from './pagination/cursor';
export { entityTag, expectedVersion, staleVersion } from './concurrency/entity-tag';
export { HealthModule } from './health/health.module';
export { LoggingModule } from './logging/logging.module';
export { PinoLoggerService } from './logging/pino-logger.service';
export {
  type MoneyView,
  presentMoney,
  presentUnitPrice,
  presentOptionalUnitPrice,
  presentDecimal,
} from './presentation/money.presenter';
