/** Request shapes of openapi/process/receivables.v1.yaml (validated by the gateway before use). */
export interface AgingQuery {
  asOf?: string;
  limit: number;
  cursor?: string;
  customerId?: string;
  currency?: string;
  overdueOnly?: boolean;
  minOverdue?: string;
  accountManager?: string;
  riskTier?: string;
}

export interface DsoQuery {
  periodEnd?: string;
  periodDays: number;
  customerId?: string;
  currency?: string;
}

export interface DunningRunBody {
  asOf?: string;
}

export interface DunningNoticesQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  invoiceId?: string;
  runId?: string;
  level?: number;
}

export interface CollectionsQueueQuery {
  limit: number;
  cursor?: string;
  assignee?: string;
  assigneeRole?: string;
  minRiskScore?: number;
}

export interface QueueRefreshBody {
  asOf?: string;
}

export interface PaymentPromiseBody {
  amount: { amount: string; currency: string };
  promisedDate: string;
  note?: string;
}

export interface PaymentPromisesQuery {
  limit: number;
  cursor?: string;
  status?: string;
}

/** Today as a calendar date (UTC): the default as-of day. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
