import { type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthGuard } from '@nestjs/passport';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { Principal } from '../principal/principal';
import { VerifiedTokenCache } from './verified-token.cache';

function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Runs the passport-jwt strategy; every failure becomes a 401 problem with a
 *  WWW-Authenticate challenge that says why (RFC 6750). */
@Injectable()
export class JwtAuthenticationGuard extends AuthGuard('jwt') {
  private readonly verified = new VerifiedTokenCache();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    const known = token ? this.verified.get(token, Date.now()) : undefined;
    if (known) {
      request.user = known;
      return true;
    }
    await super.canActivate(context);
    if (token && request.user) this.verified.set(token, request.user, Date.now());
    return true;
  }

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
