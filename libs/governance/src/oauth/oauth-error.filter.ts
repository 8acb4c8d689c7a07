import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { ApiErrorCode, type ProblemException, sendProblem, toProblem } from '@o2c/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, OAuthErrorCode } from './oauth-error';

/** Request errors the gateway finds before the grant runs (contract validation, body parsing). */
const INVALID_REQUEST_CODES: readonly string[] = [
  ApiErrorCode.VALIDATION_FAILED,
  ApiErrorCode.MALFORMED_BODY,
  ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
];

/**
 * The token endpoint answers errors the way OAuth clients expect (RFC 6749 section 5.2:
 * application/json with `error`), keeping the problem fields for our own clients. Other
 * answers (429, 5xx) stay problem+json. Nothing here may be cached.
 */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OAuth');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = asOAuthError(toProblem(error));
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: request.id }, 'token request failed');
    }
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    if (!(problem instanceof OAuthError)) {
      sendProblem(reply, problem, request);
      return;
    }
    const document = problem.toDocument(request.url.split('?')[0], String(request.id));
    for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
    void reply.status(problem.status).type('application/json').send(document);
  }
}

function asOAuthError(problem: ProblemException): ProblemException {
  if (problem instanceof OAuthError || !INVALID_REQUEST_CODES.includes(problem.code)) {
    return problem;
  }
  return new OAuthError(OAuthErrorCode.INVALID_REQUEST, problem.message, problem.errors);
}
