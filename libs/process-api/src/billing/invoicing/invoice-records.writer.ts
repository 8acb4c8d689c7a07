import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  formatAmount,
  formatDocumentNumber,
  type InvoiceTerms,
  type Money,
  type ShipmentInvoice,
} from '@o2c/domain';
import { Invoice, InvoiceLine } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { BILLING_ACTOR, BillingLogWriter } from '../shared/billing-log.writer';
import type { ShippedLineRow, ShipmentToBill } from './shipment-billing.repository';

export interface InvoiceToWrite {
  invoiceId: string;
  series: string;
  sequenceNumber: string;
  shipment: ShipmentToBill;
  invoice: ShipmentInvoice;
  lines: ShippedLineRow[];
  terms: InvoiceTerms;
  issueDate: string;
  taxRegion: string | null;
  shippedToInvoicedMs: string;
  /** The principal whose shipment event caused the invoice, when known. */
  triggeredBy: string | null;
}

const amount = (money: Money) => formatAmount(money);

/**
 * Writes an issued invoice, its lines, the `invoice.issued` process event and outbox message in
 * the caller's transaction. Rows go through the ORM so the audit trail records them.
 */
@Injectable()
export class InvoiceRecordsWriter {
  constructor(private readonly log: BillingLogWriter) {}

  async write(manager: EntityManager, record: InvoiceToWrite): Promise<void> {
    const { invoice, shipment, terms } = record;
    const total = amount(invoice.total);
    await manager.insert(Invoice, {
      id: record.invoiceId,
      series: record.series,
      invoiceNumber: record.sequenceNumber,
      customerId: shipment.customerId,
      orderId: shipment.orderId,
      shipmentId: shipment.shipmentId,
      currency: invoice.currency,
      issueDate: record.issueDate,
      dueDate: terms.dueDate,
      paymentTerms: terms.paymentTerms,
      discountDeadline: terms.discountDeadline,
      discountPercent: terms.discountPercent.toFixed(),
      subtotal: amount(invoice.subtotal),
      taxTotal: amount(invoice.taxTotal),
      freight: amount(invoice.freight),
      total,
      amountApplied: '0',
      amountCredited: '0',
      openBalance: total,
      status: 'issued',
      shippedToInvoicedMs: record.shippedToInvoicedMs,
      taxRegion: record.taxRegion,
    });
    const itemIds = new Map(record.lines.map((line) => [line.orderLineId, line.itemId]));
    const lines = invoice.lines.map((line) => ({
      id: randomUUID(),
      invoiceId: record.invoiceId,
      lineNumber: line.lineNumber,
      orderLineId: line.orderLineId,
      itemId: itemIds.get(line.orderLineId) as string,
      quantity: line.quantity.toFixed(),
      unitPrice: line.unitPrice.toFixed(),
      lineNet: amount(line.net),
      tax: amount(line.tax),
      lineTotal: amount(line.total),
      taxRatePercent: line.taxPercent.toFixed(),
    }));
    await manager.insert(InvoiceLine, lines);
    await this.log.append(
      manager,
      BILLING_ACTOR,
      [this.issuedEvent(record)],
      [this.issuedMessage(record, lines)],
    );
  }

  private issuedEvent(record: InvoiceToWrite) {
    const { invoice, shipment } = record;
    return {
      objectType: 'invoice' as const,
      objectId: record.invoiceId,
      activity: 'invoice.issued',
      data: {
        invoiceNumber: formatDocumentNumber(record.series, record.sequenceNumber),
        total: amount(invoice.total),
        currency: invoice.currency,
        shippedToInvoicedMs: Number(record.shippedToInvoicedMs),
        triggeredBy: record.triggeredBy,
      },
      relatedObjects: [
        { type: 'order', id: shipment.orderId, qualifier: 'bills' },
        { type: 'shipment', id: shipment.shipmentId, qualifier: 'bills' },
        { type: 'customer', id: shipment.customerId, qualifier: 'billed' },
      ],
    };
  }

  private issuedMessage(record: InvoiceToWrite, lines: { id: string }[]) {
    const { invoice, shipment, terms } = record;
    return {
      aggregateType: 'invoice' as const,
      aggregateId: record.invoiceId,
      eventType: 'invoice.issued' as const,
      payload: {
        eventType: 'invoice.issued',
        invoiceId: record.invoiceId,
        invoiceNumber: formatDocumentNumber(record.series, record.sequenceNumber),
        series: record.series,
        customerId: shipment.customerId,
        orderId: shipment.orderId,
        orderNumber: shipment.orderNumber,
        externalPoNumber: shipment.externalPoNumber,
        shipmentId: shipment.shipmentId,
        shipmentNumber: shipment.shipmentNumber,
        issueDate: record.issueDate,
        dueDate: terms.dueDate,
        paymentTerms: terms.paymentTerms,
        discountDeadline: terms.discountDeadline,
        discountPercent: terms.discountPercent.toFixed(),
        currency: invoice.currency,
        subtotal: amount(invoice.subtotal),
        taxTotal: amount(invoice.taxTotal),
        freight: amount(invoice.freight),
        total: amount(invoice.total),
        taxRegion: record.taxRegion,
        shippedToInvoicedMs: Number(record.shippedToInvoicedMs),
        lines: invoice.lines.map((line, index) => ({
          invoiceLineId: lines[index].id,
          lineNumber: line.lineNumber,
          orderLineId: line.orderLineId,
          quantity: line.quantity.toFixed(),
          uom: line.uom,
          unitPrice: line.unitPrice.toFixed(),
          lineNet: amount(line.net),
          taxRatePercent: line.taxPercent.toFixed(),
          tax: amount(line.tax),
          lineTotal: amount(line.total),
        })),
      },
    };
  }
}
