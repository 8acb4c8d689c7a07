import type { EarlyPaymentDiscountTerms, PaymentTerms } from './payment-terms.types';

/** One English sentence for invoices, portals and customer statements. */
export function describePaymentTerms(terms: PaymentTerms): string {
  switch (terms.kind) {
    case 'NET':
      return withDiscount(
        terms.discount,
        'the invoice date',
        terms.netDays === 0
          ? 'Payment due on the invoice date'
          : `Payment due ${days(terms.netDays)} after the invoice date`,
      );
    case 'EOM':
      return withDiscount(
        terms.discount,
        'the end of the invoice month',
        terms.netDays === 0
          ? 'Payment due at the end of the invoice month'
          : `Payment due ${days(terms.netDays)} after the end of the invoice month`,
      );
    case 'DUE_ON_RECEIPT':
      return 'Payment due on receipt of the invoice';
    case 'CASH_IN_ADVANCE':
      return 'Cash in advance: payment due before shipment';
    case 'CASH_ON_DELIVERY':
      return 'Cash on delivery: payment due when the goods are delivered';
  }
}

function withDiscount(
  discount: EarlyPaymentDiscountTerms | null,
  windowStart: string,
  due: string,
): string {
  if (discount === null) return due;
  const window =
    discount.days === 0 ? `on ${windowStart}` : `within ${days(discount.days)} of ${windowStart}`;
  return `${discount.percent.toString()}% discount if paid ${window}; ${lowerFirst(due)}`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
