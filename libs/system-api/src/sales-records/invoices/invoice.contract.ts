import type { InvoiceStatus } from '@o2c/persistence';

/** Query shape of listInvoices in openapi/system/sales-records.v1.yaml (validated and coerced by the gateway). */
export interface ListInvoicesQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  orderId?: string;
  shipmentId?: string;
  status?: InvoiceStatus[];
  issuedFrom?: string;
  issuedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  /** The day `overdue` is judged on (YYYY-MM-DD); the service fills in today (UTC). */
  asOf?: string;
}
