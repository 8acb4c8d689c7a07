import type { CreditReason } from '@o2c/domain';

/** Body of createCreditMemo in openapi/process/billing.v1.yaml (validated by the gateway). */
export interface CreateCreditMemoBody {
  invoiceId: string;
  reason: CreditReason;
  note?: string;
  lines: { invoiceLineId: string; quantity?: string; amount?: string }[];
}

/** Query of listCreditMemos. */
export interface ListCreditMemosQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  invoiceId?: string;
  reason?: CreditReason;
  issuedFrom?: string;
  issuedTo?: string;
}
