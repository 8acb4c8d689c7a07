export { ProcessApiModule } from './process-api.module';
export { OrdersModule } from './orders/orders.module';
export { CashApplicationModule } from './cash-application/cash-application.module';
export { OrderFlow, type FlowActor } from './orders/flow/order-flow.service';
export { BillingModule } from './billing/billing.module';
export {
  InvoiceOnShipment,
  type IssuedInvoice,
} from './billing/invoicing/invoice-on-shipment.service';
export { FulfillmentModule } from './fulfillment/fulfillment.module';
export { DisputesModule } from './disputes/disputes.module';
export { DeductionOpener, type Deduction } from './disputes/opening/deduction-opener.service';
export { CollectionsModule } from './collections/collections.module';
export {
  PaymentIntakeRepository,
  type IntakePayment,
} from './cash-application/intake/payment-intake.repository';
export {
  CashInputsRepository,
  type PaymentInHand,
} from './cash-application/ledger/cash-inputs.repository';
export {
  APPLICATION_LEASE_SECONDS,
  RemittanceFileResumer,
  RESUMER_ACTOR,
  type FailedResumption,
  type ResumedFile,
  type ResumptionOutcome,
} from './cash-application/files/remittance-file.resumer';
export { RemittanceFileRecorder } from './cash-application/files/remittance-file.recorder';
export { CashApplicationRun } from './cash-application/application/cash-application.run';
export { SetBasedPasses } from './cash-application/application/set-based.passes';
export { CashTransactions } from './cash-application/cash-transactions';
export { CashJournal } from './cash-application/ledger/cash-journal';
export type { CashActor } from './cash-application/cash-actor';
