import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { SIGNING_KEY } from './authentication/authentication.tokens';
import { JwtAuthenticationGuard } from './authentication/jwt-authentication.guard';
import { type JwtAlgorithm, JwtKeyStore } from './authentication/jwt-key.store';
import { JwtStrategy } from './authentication/jwt.strategy';
import { loadOrCreateSigningKey, type SigningKey } from './authentication/signing-key';
import { TokenIssuer } from './authentication/token-issuer.service';
import { OperationPolicyGuard } from './authorization/operation-policy.guard';

/** Runtime enforcement of the contracts' security: authentication, audience and scopes. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    {
      provide: SIGNING_KEY,
      inject: [ENVIRONMENT],
      useFactory: (environment: Environment) =>
        loadOrCreateSigningKey(environment.JWT_SIGNING_KEY_FILE),
    },
    {
      provide: JwtKeyStore,
      inject: [ENVIRONMENT, SIGNING_KEY],
      useFactory: (environment: Environment, signingKey: SigningKey) =>
        new JwtKeyStore({
          algorithms: environment.JWT_ALGORITHMS.split(',') as JwtAlgorithm[],
          signingKey,
          publicKeysFile: environment.JWT_PUBLIC_KEYS_FILE,
          jwksUrl: environment.JWT_JWKS_URL,
          hs256Secret: environment.JWT_HS256_SECRET,
        }),
    },
    JwtStrategy,
    JwtAuthenticationGuard,
    TokenIssuer,
    { provide: APP_GUARD, useClass: OperationPolicyGuard },
  ],
  exports: [TokenIssuer, JwtKeyStore, SIGNING_KEY],
})
export class GovernanceModule {}
