import { addDays, endOfMonth, parseCalendarDate } from '../dates/calendar-date';
import type { EarlyPaymentDiscountTerms, PaymentTerms } from './payment-terms.types';

/** The date the net amount is due, 'YYYY-MM-DD', from the invoice date 'YYYY-MM-DD'. */
export function dueDate(terms: PaymentTerms, invoiceDate: string): string {
  const invoiced = parseCalendarDate(invoiceDate, 'invoiceDate');
  switch (terms.kind) {
    case 'NET':
      return addDays(invoiced, terms.netDays, 'invoiceDate');
    case 'EOM':
      return addDays(endOfMonth(invoiced, 'invoiceDate'), terms.netDays, 'invoiceDate');
    case 'DUE_ON_RECEIPT':
    case 'CASH_IN_ADVANCE':
    case 'CASH_ON_DELIVERY':
      return invoiced;
  }
}

/**
 * The last day (inclusive) a payment still earns the early-payment discount, or null when the
 * terms offer none. NET windows count from the invoice date, EOM windows from the month end.
 */
export function discountDeadline(terms: PaymentTerms, invoiceDate: string): string | null {
  const invoiced = parseCalendarDate(invoiceDate, 'invoiceDate');
  const discount = discountTerms(terms);
  if (discount === null) return null;
  const windowStart = terms.kind === 'EOM' ? endOfMonth(invoiced, 'invoiceDate') : invoiced;
  return addDays(windowStart, discount.days, 'invoiceDate');
}

/** The early-payment discount the terms offer, or null. */
export function discountTerms(terms: PaymentTerms): EarlyPaymentDiscountTerms | null {
  switch (terms.kind) {
    case 'NET':
    case 'EOM':
      return terms.discount;
    case 'DUE_ON_RECEIPT':
    case 'CASH_IN_ADVANCE':
    case 'CASH_ON_DELIVERY':
      return null;
  }
}
