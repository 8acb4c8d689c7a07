import { parseCalendarDate } from '../dates/calendar-date';
import { multiplyMoney } from '../money/money-arithmetic';
import { assertNotNegative, type Money, roundMoney, zeroMoney } from '../money/money';
import { discountDeadline, discountTerms } from './payment-terms.schedule';
import type { PaymentTerms } from './payment-terms.types';

/**
 * The early-payment discount a payment on `paymentDate` earns on `invoiceTotal`: the terms'
 * percent of the total, rounded once by the money rule, when paid on or before the deadline
 * (the deadline day itself counts). Zero when late or when the terms have no discount.
 * A payment dated before the invoice still qualifies: paying early is the point.
 */
export function earlyPaymentDiscount(
  terms: PaymentTerms,
  invoiceTotal: Money,
  invoiceDate: string,
  paymentDate: string,
): Money {
  assertNotNegative(invoiceTotal, 'invoiceTotal');
  const paid = parseCalendarDate(paymentDate, 'paymentDate');
  const discount = discountTerms(terms);
  const deadline = discountDeadline(terms, invoiceDate);
  // 'YYYY-MM-DD' strings of valid dates order like the dates themselves.
  if (discount === null || deadline === null || paid > deadline) {
    return zeroMoney(invoiceTotal.currency);
  }
  return roundMoney(multiplyMoney(invoiceTotal, discount.percent.div(100)));
}
