import type { ApiClientKind, ApiClientStatus } from '@o2c/persistence';

/** Request shapes of openapi/governance/api-clients.v1.yaml (validated by the gateway first). */
export interface CreateApiClientBody {
  name: string;
  scopes: string[];
  customerIds: string[];
  rateLimitPlan: string;
  kind?: ApiClientKind;
  warehouseCodes?: string[];
  carrierCode?: string;
}

export interface ListApiClientsQuery {
  limit: number;
  cursor?: string;
  status?: ApiClientStatus;
}
