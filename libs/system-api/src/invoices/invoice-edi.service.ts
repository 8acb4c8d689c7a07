import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { type Invoice810, toInvoice810 } from './invoice-810.mapper';
import { InvoiceDocumentRepository } from './invoice-document.repository';
import { ELEMENT_SEPARATOR, SEGMENT_TERMINATOR, writeX12Invoice } from './x12-810.writer';

export interface TransactionSetView {
  invoiceId: string;
  invoiceNumber: string;
  controlNumber: string;
  segmentCount: number;
  elementSeparator: string;
  segmentTerminator: string;
  text: string;
}

/** An invoice as an X12 810: canonical JSON, or the printed transaction set. */
@Injectable()
export class InvoiceEdiService {
  constructor(private readonly documents: InvoiceDocumentRepository) {}

  async canonical(
    scope: AccountScope,
    invoiceId: string,
  ): Promise<Invoice810 & { version: number }> {
    const document = await this.documents.find(scope, invoiceId);
    if (!document) throw ProblemException.notFound('invoice', invoiceId);
    return { ...toInvoice810(document.header, document.lines), version: document.header.version };
  }

  async transactionSet(scope: AccountScope, invoiceId: string): Promise<TransactionSetView> {
    const { version: _version, ...invoice } = await this.canonical(scope, invoiceId);
    const printed = writeX12Invoice(invoice);
    return {
      invoiceId,
      invoiceNumber: invoice.big.invoiceNumber,
      controlNumber: invoice.transactionSet.controlNumber,
      segmentCount: printed.segmentCount,
      elementSeparator: ELEMENT_SEPARATOR,
      segmentTerminator: SEGMENT_TERMINATOR,
      text: printed.text,
    };
  }
}
