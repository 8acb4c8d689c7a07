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
