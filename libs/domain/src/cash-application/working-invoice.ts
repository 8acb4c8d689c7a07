import type { PaymentTerms } from '../payment-terms/payment-terms.types';
import type { OpenInvoice } from './cash-application.types';

/** An open invoice as the engine works with it: checked, terms parsed, its place by age. */
export interface WorkingInvoice extends OpenInvoice {
  readonly terms: PaymentTerms;
  /** The last day the early-payment discount is earned, or null when the terms give none. */
  readonly discountDeadline: string | null;
  /** Position oldest first: by issue date, then due date, invoice number and id. */
  readonly age: number;
}
