import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { decode } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '../principal/principal';
import { type AccessTokenClaims, InvalidClaims, principalFromClaims } from './access-token.claims';
import { JwtKeyStore } from './jwt-key.store';

/** passport-jwt with keys by kid, an algorithm allow-list, iss, aud, exp/nbf with bounded leeway.
 *  passport registers strategies process-wide by name: one gateway per process (tests that start
 *  two in one process give them the same signing key). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(keys: JwtKeyStore, @Inject(ENVIRONMENT) environment: Environment) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: keys.algorithms,
      issuer: environment.JWT_ISSUER,
      audience: environment.JWT_AUDIENCE,
      jsonWebTokenOptions: { clockTolerance: environment.JWT_MAX_CLOCK_SKEW_SECONDS },
      secretOrKeyProvider: (_request, rawJwtToken: string, done) => {
        const decoded = decode(rawJwtToken, { complete: true });
        if (!decoded || typeof decoded === 'string') {
          done(new Error('malformed token'));
          return;
        }
        keys.keyFor(decoded.header).then(
          // jsonwebtoken verifies with a KeyObject (and checks it fits the algorithm); the
          // passport-jwt typings only list string | Buffer.
          (found) => done(null, found.key as unknown as Buffer),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(claims: AccessTokenClaims & { exp?: unknown }): Principal {
    // jsonwebtoken accepts a token without exp; an access token must not live forever.
    if (typeof claims.exp !== 'number') throw new InvalidClaims('exp is required');
    return principalFromClaims(claims);
  }
}
