export { GovernanceModule } from './governance.module';
export {
  type Principal,
  type PrincipalKind,
  type AccountScope,
  PRINCIPAL_KINDS,
  accountScopeOf,
  canAccessCustomer,
  principalKey,
} from './principal/principal';
export { CurrentPrincipal } from './principal/current-principal.decorator';
export {
  TokenIssuer,
  type TokenRequest,
  type IssuedToken,
} from './authentication/token-issuer.service';
export { JwtKeyStore, TokenRejected, type JwtAlgorithm } from './authentication/jwt-key.store';
export { loadOrCreateSigningKey, type SigningKey } from './authentication/signing-key';
export { SIGNING_KEY } from './authentication/authentication.tokens';
export { principalFromClaims, type AccessTokenClaims } from './authentication/access-token.claims';
export {
  decideOperationAccess,
  type AccessDecision,
} from './authorization/operation-access.policy';
export {
  resolveRateLimitPolicy,
  type RateLimitPolicy,
  type RateLimitWindowPolicy,
} from './rate-limits/rate-limit.policy';
export { formatRateLimitPolicy } from './rate-limits/rate-limit.headers';
export { MemoryRateLimitStore } from './rate-limits/memory-rate-limit.store';
export { RedisRateLimitStore } from './rate-limits/redis-rate-limit.store';
export { IdempotencyInTransaction } from './idempotency/idempotency-in-transaction.decorator';
export { AuditModule } from './audit/audit.module';
export { AuditTrail, type AuditedChange } from './audit/audit-trail.service';
export { AuditedInserts } from './audit/audited-inserts.service';
export { runWithAuditContext, currentAuditContext, type AuditContext } from './audit/audit-context';
export { auditDigest, auditImage, canonicalJson, type AuditImage } from './audit/audit-image';
export {
  accountScopeCondition,
  accountScopeWhere,
  restrictToAccountScope,
} from './ownership/account-scope.filter';
export { setupContractDocs } from './catalog/contract-docs.setup';
