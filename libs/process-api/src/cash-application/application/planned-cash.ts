import type { CashEvidence, Decimal } from '@o2c/domain';
import type { CashApplicationOrigin } from '@o2c/persistence';

/** One application about to be written: cash from a payment settling (part of) an invoice. */
export interface PlannedApplication {
  readonly paymentId: string;
  /** The payment's customer (the invoice's, necessarily). */
  readonly customerId: string;
  /** The payment's currency (the invoice's, necessarily). */
  readonly currency: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly remittanceLineId: string | null;
  /** Cash taken from the payment. */
  readonly amount: Decimal;
  readonly discount: Decimal;
  readonly writeOff: Decimal;
  readonly rule: string;
  readonly settlement: string | null;
  /** Null for a person's own choice. */
  readonly confidence: number | null;
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence | Record<string, unknown>;
  readonly origin: CashApplicationOrigin;
  readonly taskId: string | null;
}

/** How a payment's cash columns move: cash applied, and credit on account added (or used). */
export interface PaymentCashMove {
  readonly paymentId: string;
  readonly applied: Decimal;
  readonly onAccountDelta: Decimal;
}

/** The invoice statuses cash can be applied to. */
export const APPLICABLE_INVOICE_STATUSES = ['issued', 'partially_paid', 'disputed'] as const;

/** What the invoice must be settled by: cash, discount and write-off together. */
export function settledBy(application: PlannedApplication): Decimal {
  return application.amount.plus(application.discount).plus(application.writeOff);
}
