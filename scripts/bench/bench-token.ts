import { loadEnvironment } from '@o2c/config';
import { loadGovernance } from '@o2c/contracts';
import { loadOrCreateSigningKey, TokenIssuer } from '@o2c/governance';

/** An internal administrator's token, signed with the bench gateway's own key. */
export function signBenchToken(keyFile: string): string {
  const issuer = new TokenIssuer(
    loadOrCreateSigningKey(keyFile),
    loadEnvironment({ JWT_SIGNING_KEY_FILE: keyFile, ACCESS_TOKEN_TTL_SECONDS: '3600' }),
  );
  const scopes = [...loadGovernance('openapi').scopes.keys()];
  return issuer.issue({ subject: 'bench', kind: 'internal', scopes }).accessToken;
}
