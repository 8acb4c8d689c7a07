import type { DisputeCategory, DisputeSource, DisputeStatus } from '@o2c/domain';

/** Request shapes of openapi/process/receivables.v1.yaml (validated by the gateway before use). */
export interface MoneyBody {
  amount: string;
  currency: string;
}

export interface RaiseDisputeBody {
  invoiceId: string;
  category: DisputeCategory;
  amount: MoneyBody;
  reasonCode?: string;
  description: string;
  lines?: { invoiceLineId: string; quantity?: string; amount?: MoneyBody; note?: string }[];
}

export interface ListDisputesQuery {
  limit: number;
  cursor?: string;
  status?: DisputeStatus[];
  category?: DisputeCategory[];
  source?: DisputeSource;
  customerId?: string;
  invoiceId?: string;
  paymentId?: string;
  owner?: string;
  overdue?: boolean;
  raisedFrom?: string;
  raisedTo?: string;
}

export interface AssignDisputeBody {
  owner: string | null;
  role?: string;
  comment?: string;
}

export interface ChangeDisputeStatusBody {
  status: 'open' | 'under_review';
  comment: string;
}

export interface ResolveWithCreditMemoBody {
  creditMemoId: string;
  comment?: string;
}

export interface RejectDisputeBody {
  comment: string;
  payBy?: string;
}

export interface WriteOffDisputeBody {
  comment: string;
}

export interface UpdateDisputeRoutingRuleBody {
  name?: string;
  order?: number;
  role?: string;
  slaHours?: number;
  priority?: number;
  when?: {
    categories?: DisputeCategory[];
    sources?: DisputeSource[];
    minAmount?: string;
    maxAmount?: string;
  };
  active?: boolean;
}
