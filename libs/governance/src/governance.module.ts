import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { ApiClientsModule } from './api-clients/api-clients.module';
import { AuditModule } from './audit/audit.module';
import { CatalogModule } from './catalog/catalog.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { SIGNING_KEY } from './authentication/authentication.tokens';
import { JwtAuthenticationGuard } from './authentication/jwt-authentication.guard';
import { type JwtAlgorithm, JwtKeyStore } from './authentication/jwt-key.store';
import { JwtStrategy } from './authentication/jwt.strategy';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { loadOrCreateSigningKey, type SigningKey } from './authentication/signing-key';
import { TokenIssuer } from './authentication/token-issuer.service';
import { OperationPolicyGuard } from './authorization/operation-policy.guard';
import { OAuthModule } from './oauth/oauth.module';
import { RateLimitModule } from './rate-limits/rate-limit.module';

/** Runtime enforcement of the contracts' security: authentication, audience and scopes. */
@Global()
@Module({
  // Nest registers an imported module's APP_GUARD after this module's own: RateLimitGuard runs
  // after OperationPolicyGuard, so refused authentication is never counted (tested).
  // Interceptors follow the same order: IdempotencyModule's runs inside AuditModule's context.
  imports: [
    PassportModule,
    RateLimitModule,
    ApiClientsModule,
    OAuthModule,
    AuditModule,
    LifecycleModule,
    CatalogModule,
    IdempotencyModule,
  ],
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
