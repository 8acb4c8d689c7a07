import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** Base units of one order line: confirmed as shipped, already invoiced, and about to be. */
export interface OrderLineBilling {
  readonly orderLineId: string;
  readonly shippedBase: Decimal;
  readonly invoicedBase: Decimal;
  readonly billingBase: Decimal;
}

/**
 * Nothing is billed beyond what shipped: for every order line, what earlier invoices billed plus
 * what this one bills must not exceed what confirmed shipments carried. The unique invoice per
 * shipment already stops billing one shipment twice; this guard also catches a shipment whose
 * lines were never confirmed, or quantities changed after invoicing.
 */
export function assertWithinShipped(lines: readonly OrderLineBilling[]): void {
  lines.forEach((line) => {
    const shipped = toDecimal(line.shippedBase);
    const billed = toDecimal(line.invoicedBase).plus(toDecimal(line.billingBase));
    if (billed.greaterThan(shipped)) {
      throw new DomainError(
        DomainErrorCode.INVOICE_EXCEEDS_SHIPPED,
        `Order line ${line.orderLineId} would be billed for ${billed.toString()} base units ` +
          `but ${shipped.toString()} shipped`,
      );
    }
  });
}

/** What is still to bill of an order line, in base units (never negative). */
export function unbilledBase(line: Omit<OrderLineBilling, 'billingBase'>): Decimal {
  const open = toDecimal(line.shippedBase).minus(toDecimal(line.invoicedBase));
  return open.isNeg() ? new Decimal(0) : open;
}
