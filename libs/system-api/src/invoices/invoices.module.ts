import { Module } from '@nestjs/common';
import { InvoiceDocumentRepository } from './invoice-document.repository';
import { InvoiceEdiController } from './invoice-edi.controller';
import { InvoiceEdiService } from './invoice-edi.service';

/** Invoices as trading documents (openapi/system/invoices.v1.yaml): the X12 810 representation.
 *  The canonical invoice record and its list live in the sales-records API. */
@Module({
  controllers: [InvoiceEdiController],
  providers: [InvoiceDocumentRepository, InvoiceEdiService],
})
export class InvoicesModule {}
