import type { Decimal } from '../decimal/decimal';

/** An early-payment discount: `percent` off if paid within `days` of its start date. */
export interface EarlyPaymentDiscountTerms {
  readonly percent: Decimal;
  readonly days: number;
}

/**
 * Parsed payment terms. `code` is the canonical spelling to store and print
 * (`2/10NET30` and `2/10 net30` both become `2/10 NET30`).
 * - NET: due `netDays` after the invoice date, optionally with a discount window counted
 *   from the invoice date.
 * - EOM: due `netDays` after the last day of the invoice month (0 = on that day), optionally
 *   with a discount window counted from that month end.
 * - DUE_ON_RECEIPT, CASH_IN_ADVANCE, CASH_ON_DELIVERY: due on the invoice date, no discount.
 */
export type PaymentTerms =
  | {
      readonly kind: 'NET';
      readonly code: string;
      readonly netDays: number;
      readonly discount: EarlyPaymentDiscountTerms | null;
    }
  | {
      readonly kind: 'EOM';
      readonly code: string;
      readonly netDays: number;
      readonly discount: EarlyPaymentDiscountTerms | null;
    }
  | { readonly kind: 'DUE_ON_RECEIPT'; readonly code: 'DUE_ON_RECEIPT' }
  | { readonly kind: 'CASH_IN_ADVANCE'; readonly code: 'CIA' }
  | { readonly kind: 'CASH_ON_DELIVERY'; readonly code: 'COD' };

export type PaymentTermsKind = PaymentTerms['kind'];
