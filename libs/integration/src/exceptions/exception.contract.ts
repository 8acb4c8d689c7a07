import type { IntegrationExceptionKind, IntegrationExceptionStatus } from '@o2c/persistence';

/** Request shapes of openapi/process/integration.v1.yaml (validated by the gateway before use). */
export interface ExceptionFilter {
  kind?: IntegrationExceptionKind[];
  status?: IntegrationExceptionStatus[];
  source?: string;
  partner?: string;
  eventType?: string;
  errorCode?: string;
  reference?: string;
  createdAfter?: string;
  createdBefore?: string;
  olderThanMinutes?: number;
}

export interface ListExceptionsQuery extends ExceptionFilter {
  limit: number;
  cursor?: string;
  order: 'oldest' | 'newest';
}

export type BulkReplayBody =
  { ids: string[] } | { filter: Omit<ExceptionFilter, 'status' | 'reference'>; limit: number };

export interface DiscardBody {
  reason: string;
}

export interface FailureRateQuery {
  from?: string;
  to?: string;
}
