import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { Money } from '../money/money';
import { convertQuantity, type ItemUnits } from '../units/uom.converter';
import { type InvoiceAmounts, computeInvoiceAmounts } from './invoice-amounts.calculator';

/** An order line as billing sees it: its unit, its contract price and the tax that applies. */
export interface BillableOrderLine {
  readonly orderLineId: string;
  readonly lineNumber: number;
  /** The unit the customer ordered (and is invoiced) in. */
  readonly uom: string;
  readonly units: ItemUnits;
  /** The price charged per `uom`, as agreed on the order. */
  readonly unitPrice: Decimal;
  /** Tax percent for the ship-to (see tax-rate.policy.ts). */
  readonly taxPercent: Decimal;
}

/** One shipment line: base units of an order line (one per lot or serial). */
export interface ShippedQuantity {
  readonly orderLineId: string;
  readonly baseQuantity: Decimal;
}

export interface InvoiceOnShipmentInput {
  readonly currency: string;
  readonly orderLines: readonly BillableOrderLine[];
  readonly shipped: readonly ShippedQuantity[];
  readonly freight?: Decimal;
}

export interface ShipmentInvoiceLine {
  readonly lineNumber: number;
  readonly orderLineId: string;
  /** In the order line's unit. */
  readonly quantity: Decimal;
  readonly uom: string;
  readonly baseQuantity: Decimal;
  readonly unitPrice: Decimal;
  readonly taxPercent: Decimal;
  readonly net: Money;
  readonly tax: Money;
  readonly total: Money;
}

export interface ShipmentInvoice extends Omit<InvoiceAmounts, 'lines'> {
  readonly lines: readonly ShipmentInvoiceLine[];
}

/**
 * The invoice for one confirmed shipment: exactly what shipped, at the order's contract prices.
 * Shipment lines of the same order line (several lots or serials) become one invoice line, in
 * order-line order and numbered from 1. Base units convert back to the ordered unit exactly or
 * not at all: 6 EA against a line ordered in cases of 12 is UOM.FRACTION_NOT_ALLOWED, never a
 * rounded half case. A shipment line naming no line of the order is INVOICE.INVALID_INPUT.
 */
export function invoiceShipment(input: InvoiceOnShipmentInput): ShipmentInvoice {
  const shippedBase = sumByOrderLine(input);
  const billed = [...input.orderLines]
    .filter((line) => shippedBase.has(line.orderLineId))
    .sort((a, b) => a.lineNumber - b.lineNumber);
  const quantities = billed.map((line) => {
    const base = shippedBase.get(line.orderLineId) as Decimal;
    const field = `orderLines[${line.lineNumber}].quantity`;
    return convertQuantity(base, line.units.baseUom, line.uom, line.units, field);
  });
  const amounts = computeInvoiceAmounts({
    currency: input.currency,
    freight: input.freight,
    lines: billed.map((line, index) => ({
      quantity: quantities[index],
      unitPrice: line.unitPrice,
      taxPercent: line.taxPercent,
    })),
  });
  const lines = billed.map((line, index) =>
    Object.freeze({
      lineNumber: index + 1,
      orderLineId: line.orderLineId,
      quantity: quantities[index],
      uom: line.uom,
      baseQuantity: shippedBase.get(line.orderLineId) as Decimal,
      unitPrice: toDecimal(line.unitPrice),
      taxPercent: toDecimal(line.taxPercent),
      ...amounts.lines[index],
    }),
  );
  return Object.freeze({ ...amounts, lines: Object.freeze(lines) });
}

function sumByOrderLine(input: InvoiceOnShipmentInput): Map<string, Decimal> {
  const known = new Set(input.orderLines.map((line) => line.orderLineId));
  const totals = new Map<string, Decimal>();
  input.shipped.forEach((shipped, index) => {
    const field = `shipped[${index}]`;
    if (!known.has(shipped.orderLineId)) {
      throw new DomainError(
        DomainErrorCode.INVOICE_INVALID_INPUT,
        `${field} names order line ${shipped.orderLineId}, which is not on the order`,
        `${field}.orderLineId`,
      );
    }
    const quantity = Decimal.isDecimal(shipped.baseQuantity)
      ? toDecimal(shipped.baseQuantity)
      : undefined;
    if (quantity === undefined || !quantity.isFinite() || !quantity.greaterThan(0)) {
      throw new DomainError(
        DomainErrorCode.QUANTITY_NOT_POSITIVE,
        `${field}.baseQuantity must be a decimal above zero`,
        `${field}.baseQuantity`,
      );
    }
    const before = totals.get(shipped.orderLineId) ?? new Decimal(0);
    totals.set(shipped.orderLineId, before.plus(quantity));
  });
  if (totals.size === 0) {
    throw new DomainError(
      DomainErrorCode.INVOICE_INVALID_INPUT,
      'A shipment without lines cannot be invoiced',
      'shipped',
    );
  }
  return totals;
}
