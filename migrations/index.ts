import type { MigrationInterface } from 'typeorm';
import { CanonicalModel1764201600000 } from './1764201600000-canonical-model';
import { DeprecatedCalls1795741663937 } from './1795741663937-deprecated-calls';
import { IdempotencyKeyScope1795744256796 } from './1795744256796-idempotency-key-scope';
import { OrderProcessCore1795800000000 } from './1795800000000-order-process-core';
import { ApprovalRoutingPolicy1795810000000 } from './1795810000000-approval-routing-policy';
import { IntegrationExceptions1795820000000 } from './1795820000000-integration-exceptions';
import { FulfillmentEvents1795830000000 } from './1795830000000-fulfillment-events';
import { InvoicingAndCredits1795831000000 } from './1795831000000-invoicing-and-credits';
import { WorkerTimersAndRelay1795840000000 } from './1795840000000-worker-timers-and-relay';
import { WebhookSubscriptionsAndDeliveries1795841000000 } from './1795841000000-webhook-subscriptions-and-deliveries';
import { CashApplicationProcess1795850000000 } from './1795850000000-cash-application-process';
import { DisputesAndCollections1795851000000 } from './1795851000000-disputes-and-collections';
import { LeanerOrderIndexes1795860000000 } from './1795860000000-leaner-order-indexes';
import { LeanerCashIndexes1795870000000 } from './1795870000000-leaner-cash-indexes';
import { AsOfBalanceIndexes1795880000000 } from './1795880000000-as-of-balance-indexes';
import { CustomerShortagePolicy1795890000000 } from './1795890000000-customer-shortage-policy';
import { RemittanceFileApplicationLease1795900000000 } from './1795900000000-remittance-file-application-lease';
import { RemittanceFileRecording1795910000000 } from './1795910000000-remittance-file-recording';
import { DisputeWithdrawn1795930000000 } from './1795930000000-dispute-withdrawn';
import { OpenItemLedger1795940000000 } from './1795940000000-open-item-ledger';
import { UniqueFilePaymentPosition1795950000000 } from './1795950000000-unique-file-payment-position';
import { PaymentsHalfPageFree1795960000000 } from './1795960000000-payments-half-page-free';
import { RemittanceFileResumeAttempts1795970000000 } from './1795970000000-remittance-file-resume-attempts';
import { ShipmentInvoiceLookup1795980000000 } from './1795980000000-shipment-invoice-lookup';
import { InvoiceListNewestFirst1795990000000 } from './1795990000000-invoice-list-newest-first';

/** Every migration, oldest first. Add each new migration here (the data source imports this list). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CanonicalModel1764201600000,
  DeprecatedCalls1795741663937,
  IdempotencyKeyScope1795744256796,
  OrderProcessCore1795800000000,
  ApprovalRoutingPolicy1795810000000,
  IntegrationExceptions1795820000000,
  FulfillmentEvents1795830000000,
  InvoicingAndCredits1795831000000,
  WorkerTimersAndRelay1795840000000,
  WebhookSubscriptionsAndDeliveries1795841000000,
  CashApplicationProcess1795850000000,
  DisputesAndCollections1795851000000,
  LeanerOrderIndexes1795860000000,
  LeanerCashIndexes1795870000000,
  AsOfBalanceIndexes1795880000000,
  CustomerShortagePolicy1795890000000,
  RemittanceFileApplicationLease1795900000000,
  RemittanceFileRecording1795910000000,
  DisputeWithdrawn1795930000000,
  OpenItemLedger1795940000000,
  UniqueFilePaymentPosition1795950000000,
  PaymentsHalfPageFree1795960000000,
  RemittanceFileResumeAttempts1795970000000,
  ShipmentInvoiceLookup1795980000000,
  InvoiceListNewestFirst1795990000000,
];
