import { Module } from '@nestjs/common';
import { CreateCreditMemoUseCase } from './credit-memos/create-credit-memo.use-case';
import { CreditMemoReader } from './credit-memos/credit-memo.reader';
import { CreditMemosController } from './credit-memos/credit-memos.controller';
import { CreditableInvoiceRepository } from './credit-memos/creditable-invoice.repository';
import { InvoiceOnShipment } from './invoicing/invoice-on-shipment.service';
import { InvoiceRecordsWriter } from './invoicing/invoice-records.writer';
import { ShipmentBillingRepository } from './invoicing/shipment-billing.repository';
import { BillingLogWriter } from './shared/billing-log.writer';
import { DocumentNumberAllocator } from './shared/document-number.allocator';
import { TaxRateRulesRepository } from './tax-rates/tax-rate-rules.repository';
import { TaxRatesController } from './tax-rates/tax-rates.controller';
import { TaxRatesService } from './tax-rates/tax-rates.service';

/**
 * Invoice on shipment, credit memos and tax rates (openapi/process/billing.v1.yaml).
 * InvoiceOnShipment is exported for the shipment process, which calls it in its transaction.
 */
@Module({
  controllers: [CreditMemosController, TaxRatesController],
  providers: [
    BillingLogWriter,
    DocumentNumberAllocator,
    ShipmentBillingRepository,
    TaxRateRulesRepository,
    InvoiceRecordsWriter,
    InvoiceOnShipment,
    CreditableInvoiceRepository,
    CreditMemoReader,
    CreateCreditMemoUseCase,
    TaxRatesService,
  ],
  exports: [InvoiceOnShipment],
})
export class BillingModule {}
