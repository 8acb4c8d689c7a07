import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { Principal } from '../principal/principal';

/** Runs the passport-jwt strategy; every failure becomes a 401 problem with a
 *  WWW-Authenticate challenge that says why (RFC 6750). */
@Injectable()
export class JwtAuthenticationGuard extends AuthGuard('jwt') {
  override handleRequest<TUser = Principal>(
    error: unknown,
    user: TUser | false,
    info: unknown,
    _context: ExecutionContext,
  ): TUser {
    if (user && !error) return user;
    const reason = error ?? info;
    const message = reason instanceof Error ? reason.message : 'authentication failed';
    const noToken = /no auth token/i.test(message);
    const description = noToken ? 'a bearer token is required' : message.replace(/"/g, "'");
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, description, [], {
      headers: {
        'www-authenticate': noToken
          ? 'Bearer realm="o2c-gateway"'
          : `Bearer realm="o2c-gateway", error="invalid_token", error_description="${description}"`,
      },
    });
  }
}
