import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  applicableTaxRate,
  assertWithinShipped,
  convertQuantity,
  Decimal,
  type DomainError,
  formatAmount,
  formatDocumentNumber,
  invoiceShipment,
  invoiceTerms,
  isDomainError,
  type ShipmentInvoice,
} from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import { billingProblem, BillingErrorCode } from '../billing.errors';
import { DocumentNumberAllocator, INVOICE_SERIES } from '../shared/document-number.allocator';
import { TaxRateRulesRepository } from '../tax-rates/tax-rate-rules.repository';
import { InvoiceRecordsWriter } from './invoice-records.writer';
import {
  ShipmentBillingRepository,
  type ShippedLineRow,
  type ShipmentToBill,
} from './shipment-billing.repository';

/** What the shipment's process gets back about the invoice it caused. */
export interface IssuedInvoice {
  invoiceId: string;
  /** Printed number, e.g. 'INV-00000042'. */
  invoiceNumber: string;
  series: string;
  /** Decimal string in the currency's minor units. */
  total: string;
  currency: string;
}

/**
 * Invoice on shipment: a confirmed shipment is billed in its own transaction, for exactly what
 * it carried, at the order's contract prices (libs/domain/src/invoicing). Call it from the
 * transaction that marks the shipment shipped (shipped_at set), as its last write: the invoice
 * number's series row stays locked until that transaction ends. Any refusal throws and so rolls
 * the whole shipment event back: a shipment is never confirmed without its invoice.
 */
@Injectable()
export class InvoiceOnShipment {
  constructor(
    private readonly shipments: ShipmentBillingRepository,
    private readonly taxRates: TaxRateRulesRepository,
    private readonly numbers: DocumentNumberAllocator,
    private readonly writer: InvoiceRecordsWriter,
  ) {}

  async issueForShipment(
    manager: EntityManager,
    shipmentId: string,
    now: Date,
  ): Promise<IssuedInvoice> {
    const shipment = await this.confirmedShipment(manager, shipmentId);
    const lines = await this.shipments.shippedLines(manager, shipmentId);
    const issueDate = now.toISOString().slice(0, 10);
    const tax = applicableTaxRate(
      await this.taxRates.forRegion(manager, shipment.shipToRegion),
      shipment.shipToRegion,
      issueDate,
    );
    const invoice = billable(() => priceShipment(shipment, lines, tax.ratePercent));
    await this.assertWithinShipped(manager, lines, invoice);
    const terms = billable(() => invoiceTerms(shipment.paymentTerms, issueDate));

    const sequenceNumber = await this.numbers.next(manager, INVOICE_SERIES);
    const invoiceId = randomUUID();
    await this.writer.write(manager, {
      invoiceId,
      series: INVOICE_SERIES,
      sequenceNumber,
      shipment,
      invoice,
      lines,
      terms,
      issueDate,
      taxRegion: tax.region,
      shippedToInvoicedMs: latency(shipment.shippedAt, now),
      triggeredBy: currentAuditContext()?.principal ?? null,
    });
    return {
      invoiceId,
      invoiceNumber: formatDocumentNumber(INVOICE_SERIES, sequenceNumber),
      series: INVOICE_SERIES,
      total: formatAmount(invoice.total),
      currency: invoice.currency,
    };
  }

  private async confirmedShipment(
    manager: EntityManager,
    shipmentId: string,
  ): Promise<ShipmentToBill> {
    const shipment = await this.shipments.shipment(manager, shipmentId);
    if (!shipment) {
      throw billingProblem(
        BillingErrorCode.SHIPMENT_NOT_FOUND,
        `Shipment ${shipmentId} does not exist`,
      );
    }
    if (shipment.shippedAt === null) {
      throw billingProblem(
        BillingErrorCode.SHIPMENT_NOT_SHIPPED,
        `Shipment ${shipment.shipmentNumber} is not confirmed as shipped`,
      );
    }
    if (await this.shipments.alreadyInvoiced(manager, shipmentId)) {
      throw billingProblem(
        BillingErrorCode.ALREADY_INVOICED,
        `Shipment ${shipment.shipmentNumber} is already invoiced`,
      );
    }
    return shipment;
  }

  /** Earlier invoices plus this one never bill more of an order line than shipped. */
  private async assertWithinShipped(
    manager: EntityManager,
    lines: ShippedLineRow[],
    invoice: ShipmentInvoice,
  ): Promise<void> {
    const byId = new Map(lines.map((line) => [line.orderLineId, line]));
    const soFar = await this.shipments.billingSoFar(manager, [...byId.keys()]);
    billable(() =>
      assertWithinShipped(
        soFar.map((row) => {
          const line = byId.get(row.orderLineId) as ShippedLineRow;
          const billing = invoice.lines.find((entry) => entry.orderLineId === row.orderLineId);
          const units = { baseUom: line.baseUom, conversions: line.conversions };
          return {
            orderLineId: row.orderLineId,
            shippedBase: new Decimal(row.shippedBase),
            invoicedBase: convertQuantity(
              new Decimal(row.invoicedQuantity),
              line.uom,
              line.baseUom,
              units,
            ),
            billingBase: billing?.baseQuantity ?? new Decimal(0),
          };
        }),
      ),
    );
  }
}

function priceShipment(
  shipment: ShipmentToBill,
  lines: ShippedLineRow[],
  taxPercent: Decimal,
): ShipmentInvoice {
  const foreign = lines.find((line) => line.orderId !== shipment.orderId);
  if (foreign) {
    throw billingProblem(
      BillingErrorCode.NOT_BILLABLE,
      `Shipment ${shipment.shipmentNumber} carries line ${foreign.orderLineId} of another order`,
    );
  }
  const orderLines = new Map(
    lines.map((line) => [
      line.orderLineId,
      {
        orderLineId: line.orderLineId,
        lineNumber: line.lineNumber,
        uom: line.uom,
        units: { baseUom: line.baseUom, conversions: line.conversions },
        unitPrice: new Decimal(line.unitPrice),
        taxPercent,
      },
    ]),
  );
  return invoiceShipment({
    currency: shipment.currency,
    orderLines: [...orderLines.values()],
    shipped: lines.map((line) => ({
      orderLineId: line.orderLineId,
      baseQuantity: new Decimal(line.quantity),
    })),
    ...(shipment.freight === null ? {} : { freight: new Decimal(shipment.freight) }),
  });
}

/** Domain refusals while billing a shipment are INVOICE.NOT_BILLABLE naming the broken rule. */
function billable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const domainError: DomainError = error;
    throw billingProblem(BillingErrorCode.NOT_BILLABLE, domainError.message, [
      {
        path: domainError.field ?? '/shipment',
        rule: domainError.code,
        message: domainError.message,
      },
    ]);
  }
}

/** Milliseconds from the shipment's confirmation to now; a shipped time reported from a clock
 *  ahead of ours counts as zero rather than negative. */
function latency(shippedAt: Date | null, now: Date): string {
  if (shippedAt === null) return '0';
  return String(Math.max(0, now.getTime() - new Date(shippedAt).getTime()));
}
