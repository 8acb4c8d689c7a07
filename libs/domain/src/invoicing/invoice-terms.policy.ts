import { discountDeadline, discountTerms, dueDate } from '../payment-terms/payment-terms.schedule';
import { parsePaymentTerms } from '../payment-terms/payment-terms.parser';
import { Decimal } from '../decimal/decimal';

/** The terms printed on an invoice (ITD in X12 810). */
export interface InvoiceTerms {
  /** Canonical terms code, e.g. '2/10 NET30'. */
  readonly paymentTerms: string;
  readonly dueDate: string;
  /** Last day (inclusive) the early-payment discount applies, or null without one. */
  readonly discountDeadline: string | null;
  /** 0 without a discount. */
  readonly discountPercent: Decimal;
  /** Days of the discount window and to the net due date, as printed in ITD. */
  readonly discountDays: number | null;
  readonly netDays: number;
}

/**
 * Due date and early-payment discount of an invoice issued on `issueDate` ('YYYY-MM-DD') under
 * the customer's terms code. Terms are copied onto the invoice: a later change of the customer's
 * terms does not move an issued invoice's due date.
 */
export function invoiceTerms(termsCode: string, issueDate: string): InvoiceTerms {
  const terms = parsePaymentTerms(termsCode, 'paymentTerms');
  const discount = discountTerms(terms);
  const due = dueDate(terms, issueDate);
  return Object.freeze({
    paymentTerms: terms.code,
    dueDate: due,
    discountDeadline: discountDeadline(terms, issueDate),
    discountPercent: discount === null ? new Decimal(0) : discount.percent,
    discountDays: discount === null ? null : discount.days,
    netDays: daysBetween(issueDate, due),
  });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
