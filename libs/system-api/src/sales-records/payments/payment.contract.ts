import type { PaymentStatus } from '@o2c/persistence';

/** Query shape of listPayments in openapi/system/sales-records.v1.yaml (validated and coerced by the gateway). */
export interface ListPaymentsQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  status?: PaymentStatus[];
  receivedFrom?: string;
  receivedTo?: string;
  unapplied?: boolean;
}
