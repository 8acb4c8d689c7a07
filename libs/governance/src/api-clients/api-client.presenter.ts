import type { ApiClient } from '@o2c/persistence';
import { usableSecretHashes } from './secret-rotation.policy';

export interface ApiClientView {
  clientId: string;
  name: string;
  status: string;
  scopes: string[];
  customerIds: string[];
  rateLimitPlan: string;
  kind: string;
  warehouseCodes: string[];
  carrierCode: string | null;
  /** When each live secret was issued and when it stops working; never the secret or hash. */
  secrets: { createdAt: string; expiresAt: string | null }[];
  version: number;
  createdAt: string;
  updatedAt: string;
  revokedAt: string | null;
}

export function presentApiClient(client: ApiClient, now: Date): ApiClientView {
  return {
    clientId: client.clientId,
    name: client.name,
    status: client.status,
    scopes: [...client.scopes].sort(),
    customerIds: client.customerIds,
    rateLimitPlan: client.rateLimitPlan,
    kind: client.kind,
    warehouseCodes: client.warehouseCodes,
    carrierCode: client.carrierCode,
    secrets: usableSecretHashes(client.secretHashes, now).map((secret) => ({
      createdAt: secret.created_at,
      expiresAt: secret.not_after ?? null,
    })),
    version: client.version,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}
