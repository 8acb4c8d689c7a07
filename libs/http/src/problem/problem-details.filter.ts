import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { DomainError } from '@o2c/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorCode } from './api-error-code';
import { ProblemException } from './problem.exception';
import { problemFromDatabaseError } from './database-error.mapper';

/** Turns every error into RFC 9457 problem+json. Nothing a client sends should end as a 500;
 *  a real 500 keeps its details in the log (found by requestId) and out of the response. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: request.id }, 'request failed');
    }
    sendProblem(reply, problem, request);
  }
}

export function sendProblem(
  reply: FastifyReply,
  problem: ProblemException,
  request: FastifyRequest,
): void {
  const document = problem.toDocument(request.url.split('?')[0], String(request.id));
  for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
  if (problem.status === 401 && !reply.hasHeader('www-authenticate')) {
    void reply.header('www-authenticate', 'Bearer realm="o2c-gateway"');
  }
  void reply.status(problem.status).type('application/problem+json').send(document);
}

export function toProblem(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  if (error instanceof DomainError) {
    const errors = error.field
      ? [{ path: error.field, rule: error.code, message: error.message }]
      : [];
    return new ProblemException(error.code, error.message, errors, {
      status: error.field ? 400 : 422,
      title: error.field ? 'The request is not valid' : 'A business rule rejected the request',
    });
  }
  const fromDatabase = problemFromDatabaseError(error);
  if (fromDatabase) return fromDatabase;
  if (error instanceof HttpException) return fromHttpException(error);
  const fastifyError = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code = typeof fastifyError.code === 'string' ? fastifyError.code : '';
    const message = typeof fastifyError.message === 'string' ? fastifyError.message : '';
    return fromFastifyError(fastifyError.statusCode, code, message);
  }
  return new ProblemException(
    ApiErrorCode.INTERNAL,
    'An unexpected error occurred; quote the requestId when reporting it.',
  );
}

function fromHttpException(error: HttpException): ProblemException {
  const status = error.getStatus();
  if (status === 404) return new ProblemException(ApiErrorCode.ROUTE_NOT_FOUND, error.message);
  if (status === 413) return new ProblemException(ApiErrorCode.BODY_TOO_LARGE, error.message);
  if (status === 400) return new ProblemException(ApiErrorCode.MALFORMED_BODY, error.message);
  if (status === 401) return new ProblemException(ApiErrorCode.UNAUTHENTICATED, error.message);
  if (status === 403) return new ProblemException(ApiErrorCode.FORBIDDEN, error.message);
  if (status === 429) return new ProblemException(ApiErrorCode.RATE_LIMITED, error.message);
  if (status === 503) {
    // Readiness failures carry which dependency is down (terminus' `details`).
    const response = error.getResponse() as { details?: unknown };
    return new ProblemException(
      ApiErrorCode.SERVICE_UNAVAILABLE,
      'A dependency is unavailable',
      [],
      {
        extensions: response.details ? { checks: response.details } : {},
      },
    );
  }
  return new ProblemException(
    status >= 500 ? ApiErrorCode.INTERNAL : ApiErrorCode.VALIDATION_FAILED,
    error.message,
    [],
    {
      status,
    },
  );
}

function fromFastifyError(status: number, code: string, message: string): ProblemException {
  if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ProblemException(
      ApiErrorCode.BODY_TOO_LARGE,
      'The request body exceeds the size limit',
    );
  }
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ProblemException(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send application/json');
  }
  if (status === 404) return new ProblemException(ApiErrorCode.ROUTE_NOT_FOUND, message);
  return new ProblemException(
    ApiErrorCode.MALFORMED_BODY,
    message || 'The request could not be read',
    [{ path: '/body', rule: 'json', message: message || 'not valid JSON' }],
  );
}
