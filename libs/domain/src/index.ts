// Public API of @o2c/domain: pure business rules, no I/O, no framework, no clock.
// Other libs and apps import from here only; deep paths are rejected by dependency-cruiser.

export { DomainError, DomainErrorCode, isDomainError } from './errors/domain-error';

export { Decimal } from './decimal/decimal';
export { parseDecimalString } from './decimal/decimal-string.parser';

export {
  CURRENCY_CODES,
  type CurrencyCode,
  isCurrencyCode,
  minorUnits,
} from './money/currency.table';
export {
  assertNotNegative,
  formatAmount,
  isRounded,
  type Money,
  moneyOf,
  parseCurrency,
  parseMoney,
  roundMoney,
  zeroMoney,
} from './money/money';
export {
  addMoney,
  compareMoney,
  isGreaterThan,
  isLessThan,
  isNegative,
  isPositive,
  isZero,
  maxMoney,
  minMoney,
  moneyEquals,
  multiplyMoney,
  negateMoney,
  subtractMoney,
  sumMoney,
} from './money/money-arithmetic';
export { allocateMoney } from './money/money-allocation';

export {
  allowsFractions,
  isUnitCode,
  UNIT_CODES,
  type UnitCode,
  type UnitOfMeasure,
  unitOfMeasure,
} from './units/unit.catalogue';
export { assertQuantityFitsUnit, parseUnitCode } from './units/quantity-scale.guard';
export { parseQuantity } from './units/quantity.parser';
export {
  assertValidItemUnits,
  convertQuantity,
  type ItemUnits,
  type UomConversion,
} from './units/uom.converter';

export {
  billableLineQuantity,
  computeOrderTotals,
  type OrderedLineQuantity,
  type OrderLineInput,
  type OrderLineTotals,
  type OrderTotals,
  type OrderTotalsInput,
} from './orders/order-totals.calculator';
export {
  assertTransition,
  CANCELLABLE_STATUSES,
  canTransition,
  isOrderStatus,
  isTerminal,
  nextOrderStatuses,
  isShippable,
  ORDER_STATUSES,
  type OrderStatus,
  SHIPPABLE_STATUSES,
} from './orders/order-lifecycle.policy';

export {
  addDays,
  compareDates,
  daysBetween,
  endOfMonth,
  isCalendarDate,
  parseCalendarDate,
} from './dates/calendar-date';

export type {
  EarlyPaymentDiscountTerms,
  PaymentTerms,
  PaymentTermsKind,
} from './payment-terms/payment-terms.types';
export { parsePaymentTerms } from './payment-terms/payment-terms.parser';
export { describePaymentTerms } from './payment-terms/payment-terms.description';
export { discountDeadline, discountTerms, dueDate } from './payment-terms/payment-terms.schedule';
export { earlyPaymentDiscount } from './payment-terms/early-payment-discount.policy';

export {
  type PriceAgreementTerms,
  type PriceBreak,
  type PriceSource,
  type ResolvedUnitPrice,
  resolveUnitPrice,
  type UnitPriceInput,
} from './pricing/contract-price.resolver';
export {
  decideRequestedPrice,
  type PriceDecision,
  type PriceToleranceAction,
  type RequestedPriceInput,
} from './pricing/requested-price.policy';
export { checkMargin, type MarginCheck, type MarginInput } from './pricing/margin-floor.policy';

export {
  AGING_BUCKETS,
  type AgingBucket,
  agingBucket,
  creditExposure,
  type CreditPosition,
  type OverdueBucket,
} from './credit/credit-exposure.calculator';
export {
  type CreditCheckInput,
  type CreditDecision,
  type CreditEvidence,
  type CreditHoldReason,
  CUSTOMER_CREDIT_STATUSES,
  type CustomerCreditStatus,
  decideCredit,
} from './credit/credit-hold.policy';

export {
  ALLOCATION_LINE_STATUSES,
  ALLOCATION_REASONS,
  type AllocationInput,
  type AllocationLineStatus,
  type AllocationPlan,
  type AllocationPlanLine,
  type AllocationReason,
  type AllocationRequestLine,
  stockKey,
  type WarehouseAllocation,
  type WarehouseCandidate,
} from './allocation/allocation.types';
export { planAllocation } from './allocation/allocation.planner';
export { type X12LineStatusCode, x12LineStatusCode } from './allocation/x12-line-status.mapper';

export {
  APPROVAL_QUEUES,
  type ApprovalQueue,
  type ApprovalRoutingConditions,
  type ApprovalRoutingContext,
  type ApprovalRoutingRule,
} from './approvals/approval-routing.types';
export { routeApproval } from './approvals/approval-routing.policy';
export {
  DEFAULT_APPROVAL_ROUTING,
  defaultSlaHours,
} from './approvals/default-approval-routing.table';
export { slaDueAt } from './approvals/approval-sla.calculator';
export { SLA_HOURS_MAX, validateRoutingRule } from './approvals/routing-rule.validator';
export {
  type EscalationTarget,
  escalationLadder,
  escalationTarget,
  type OverdueTask,
} from './approvals/task-escalation.policy';
export { type HoldReminder, holdReminderDue } from './approvals/hold-reminder.policy';

export {
  type LinePriceSource,
  type LinePricing,
  type LinePricingInput,
  perUom,
  priceOrderLine,
  type PricingHoldReason,
  UNIT_PRICE_DECIMALS,
} from './order-intake/line-pricing.policy';
export {
  type HoldRequest,
  type IntakeHoldsInput,
  type IntakeHoldType,
  intakeHolds,
  inventoryHold,
} from './order-intake/intake-holds.policy';
export {
  allocatedQuantity,
  type AllocationOutcome,
  allocationOutcome,
  type LineShortage,
  type ShortageHandling,
} from './order-intake/allocation-outcome.policy';
export {
  backordersAllowed,
  requestedShortagePolicy,
  SHORTAGE_POLICIES,
  type ShortagePolicy,
  shortagePolicyFromBackorders,
  type ShortagePolicyRequest,
  shortagesStand,
} from './order-intake/shortage.policy';

export {
  type ApplyDecision,
  CASH_MATCH_RULES,
  type CashApplicationOutcome,
  type CashApplicationPolicy,
  type CashApplicationResult,
  type CashApplicationTotals,
  type CashDecision,
  type CashEvidence,
  type CashMatchRule,
  type CustomerCashProfile,
  type DeductionDecision,
  DISPUTE_CATEGORIES,
  type DisputeCategory,
  type OnAccountDecision,
  type OpenInvoice,
  type OpenInvoiceRow,
  type PaymentToApply,
  type RemittanceAdviceLine,
  REVIEW_REASONS,
  type ReviewDecision,
  type ReviewReason,
  SETTLEMENT_KINDS,
  type SettlementKind,
  type Suggestion,
  type WriteOffTolerance,
} from './cash-application/cash-application.types';
export { decideCashApplication } from './cash-application/cash-application.engine';
export { type CashApplicationInput } from './cash-application/cash-application.input';
export { OpenInvoiceLedger } from './cash-application/open-invoice.ledger';
export { DEFAULT_CASH_APPLICATION_POLICY } from './cash-application/cash-application.policy';
export {
  CASH_APPLICATION_ROLE,
  type CashReviewRouting,
  routeCashReview,
} from './cash-application/cash-review-routing.policy';
export {
  type NamedSeries,
  type ReferenceLookupKeys,
  referenceLookupKeys,
  seriesNamedBy,
  uniquelyNamed,
} from './cash-application/reference-lookup.keys';
export { openInvoicesAfter } from './cash-application/open-balances-after';
export { writeOffLimit } from './cash-application/invoice-settlement';
export {
  decideManualWriteOff,
  type ManualWriteOffDecision,
  type ManualWriteOffRequest,
} from './cash-application/manual-write-off.policy';
export {
  type DeductionCategory,
  deductionCategory,
  UNEARNED_DISCOUNT_CODE,
} from './cash-application/deduction-category.mapper';
export {
  invoiceNumberKeys,
  type InvoiceNumberKeys,
  type ReadReference,
  readReference,
  referencesInText,
} from './cash-application/invoice-reference';
export {
  identifyPayer,
  type KnownCustomer,
  normaliseIdentifier,
  normalisePartyName,
  PAYER_IDENTIFICATION_THRESHOLD,
  PAYER_MATCH_RULES,
  type PayerEvidence,
  type PayerIdentification,
  type PayerMatch,
  type PayerMatchRule,
} from './cash-application/payer-identification';

export {
  type AgingItem,
  type AgingReport,
  type AgingRow,
  ageReceivables,
  RECEIVABLES_AGING_BUCKETS,
  type ReceivablesAgingBucket,
} from './collections/receivables-aging.calculator';
export {
  DEFAULT_DUNNING_LEVELS,
  type DunningLevel,
  dunningLevelFor,
  type DunningMessageValues,
  nextDunningNotice,
  renderDunningMessage,
  validateDunningLevels,
} from './collections/dunning-level.policy';
export {
  daysSalesOutstanding,
  type DsoInput,
} from './collections/days-sales-outstanding.calculator';
export {
  CARRIER_EVENT_TYPES,
  type CarrierEventType,
  isCarrierEvent,
  isShipmentEventType,
  isWarehouseEvent,
  SHIPMENT_EVENT_TYPES,
  type ShipmentEventType,
  shipmentStage,
  WAREHOUSE_EVENT_TYPES,
  type WarehouseEventType,
} from './shipments/shipment-event.types';
export {
  decideShipmentEvent,
  type IncomingShipmentEvent,
  parkedEventsInOrder,
  reconciledDeliveryTime,
  SHIPMENT_EVENT_REASONS,
  type ShipmentEventDecision,
  type ShipmentEventReason,
  type ShipmentPosition,
} from './shipments/shipment-event-ordering.policy';
export {
  checkShipmentQuantity,
  type ShipmentQuantityInput,
  type ShipmentQuantityVerdict,
} from './shipments/over-shipment.policy';
export {
  type AllocationDrawdown,
  type AllocationToDraw,
  type DrawnPart,
  planAllocationDrawdown,
  type ShippedPiece,
} from './shipments/shipment-drawdown.planner';
export {
  type FulfilledLineStatus,
  isLineShippedInFull,
  type LineFulfilment,
  lineAfterBackorderAllocation,
  lineAfterShipment,
  type LineQuantities,
  type ShipmentOnLine,
} from './shipments/order-line-fulfilment.policy';
export {
  type CompletionStatus,
  completionTransitions,
  type LineProgress,
  shipmentProgress,
  type ShipmentProgress,
} from './shipments/order-completion.policy';

export {
  checkedTaxPercent,
  computeInvoiceAmounts,
  type InvoiceAmounts,
  type InvoiceAmountsInput,
  type InvoiceLineAmounts,
  type InvoiceLineInput,
  taxOn,
} from './invoicing/invoice-amounts.calculator';
export {
  type BillableOrderLine,
  type InvoiceOnShipmentInput,
  invoiceShipment,
  type ShipmentInvoice,
  type ShipmentInvoiceLine,
  type ShippedQuantity,
} from './invoicing/invoice-on-shipment.policy';
export {
  assertWithinShipped,
  type OrderLineBilling,
  unbilledBase,
} from './invoicing/billing-limit.guard';
export { type InvoiceTerms, invoiceTerms } from './invoicing/invoice-terms.policy';
export {
  ANY_REGION,
  type AppliedTaxRate,
  applicableTaxRate,
  type TaxRateDraft,
  type TaxRateRule,
  type ValidTaxRate,
  validateTaxRate,
} from './invoicing/tax-rate.policy';
export {
  computeCreditMemo,
  CREDIT_REASONS,
  type CreditableInvoiceLine,
  type CreditMemoAmounts,
  type CreditMemoInput,
  type CreditMemoLineAmounts,
  type CreditReason,
  type CreditRequestLine,
} from './invoicing/credit-memo.policy';
export { openBalance } from './invoicing/open-balance.calculator';
export { formatDocumentNumber } from './invoicing/document-number.format';
export {
  ADDRESS_CLASSES,
  type AddressClass,
  type AddressClassification,
  classifyIpAddress,
  type IpAddress,
} from './webhooks/ip-address.ranges';
export {
  addressViolation,
  type EndpointAddressPolicy,
  type EndpointUrl,
  endpointUrlViolations,
  type EndpointViolation,
  resolvedAddressViolations,
} from './webhooks/endpoint-address.policy';
export {
  ALL_EVENT_TYPES,
  eventTypeMatches,
  isEventType,
  isEventTypePattern,
  normalizeEventTypePatterns,
  selectsEventType,
} from './webhooks/event-type.pattern';
export {
  catalogueTypesSelectedBy,
  isPartnerVisibleEventType,
  PING_EVENT_TYPE,
  type PublishedEventType,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from './webhooks/webhook-event.catalogue';
export {
  eventTypeViolations,
  type EventTypeViolation,
  type PublishedEvent,
  type SubscriberKind,
  type SubscriptionSelector,
  subscriptionReceives,
} from './webhooks/webhook-subscription.rules';
export {
  DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
  formatWebhookSecret,
  isWebhookSecret,
  parseSignatureHeader,
  SIGNATURE_VERSION,
  type SignatureEntry,
  signatureHeader,
  signaturesEqual,
  signedContent,
  timestampWithinTolerance,
  WEBHOOK_SECRET_PREFIX,
  webhookSecretHint,
  webhookSecretKey,
} from './webhooks/webhook-signature.scheme';
export {
  previousSecretExpiresAt,
  rotateSigningSecrets,
  secretsInForce,
  type SigningSecret,
} from './webhooks/signing-secret.rotation';
export {
  assertRetrySchedule,
  type FailedDelivery,
  nextRetry,
  type RandomSource,
  retryAfterMs,
  type RetryDecision,
  retryDelayMs,
  type RetrySchedule,
} from './webhooks/delivery-retry.schedule';
export {
  admitDelivery,
  afterDeliveryFailure,
  afterDeliverySuccess,
  type CircuitAdmission,
  type CircuitPolicy,
  type CircuitState,
  type CircuitStatus,
  CLOSED_CIRCUIT,
} from './webhooks/endpoint-circuit.breaker';
export {
  bandOf,
  type CollectionRisk,
  type CollectionRiskInput,
  collectionRisk,
  type CollectionTaskTerms,
  collectionTaskTerms,
  RISK_REASON_CODES,
  type RiskBand,
  type RiskReason,
  type RiskReasonCode,
} from './collections/collection-risk.score';

export {
  actionTowards,
  allowedDisputeActions,
  DISPUTE_ACTIONS,
  DISPUTE_PROCESS_ACTIONS,
  DISPUTE_STATUSES,
  type DisputeAction,
  type DisputeStatus,
  isDisputeStatus,
  isLiveDispute,
  nextDisputeStatus,
  type PersonDisputeAction,
} from './disputes/dispute-status.machine';
export {
  DEFAULT_DISPUTE_ROUTING,
  DISPUTE_SOURCES,
  type DisputeRoutingConditions,
  type DisputeRoutingContext,
  type DisputeRoutingRule,
  type DisputeSource,
  disputeRuleMatches,
  routeDispute,
} from './disputes/dispute-routing.policy';
export {
  assertWriteOffAuthority,
  DEFAULT_WRITE_OFF_AUTHORITY,
  type WriteOffAuthority,
  type WriteOffDecision,
  writeOffAuthority,
} from './disputes/write-off-authority.policy';
export {
  type InvoiceDisputeState,
  invoiceStatusWithDisputes,
} from './disputes/invoice-dispute-status.policy';
export { type RebillNoticeValues, renderRebillNotice } from './disputes/rebill-notice.template';
