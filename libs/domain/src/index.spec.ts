import * as domain from '@o2c/domain';

// The public surface of @o2c/domain changes only on purpose: other libs import nothing else.
describe('@o2c/domain public API', () => {
  it('exports exactly these runtime values', () => {
    expect(Object.keys(domain).sort()).toEqual([
      'ADDRESS_CLASSES',
      'AGING_BUCKETS',
      'ALLOCATION_LINE_STATUSES',
      'ALLOCATION_REASONS',
      'ALL_EVENT_TYPES',
      'ANY_REGION',
      'APPROVAL_QUEUES',
      'CANCELLABLE_STATUSES',
      'CARRIER_EVENT_TYPES',
      'CASH_APPLICATION_ROLE',
      'CASH_MATCH_RULES',
      'CLOSED_CIRCUIT',
      'CREDIT_REASONS',
      'CURRENCY_CODES',
      'CUSTOMER_CREDIT_STATUSES',
      'DEFAULT_APPROVAL_ROUTING',
      'DEFAULT_CASH_APPLICATION_POLICY',
      'DEFAULT_DISPUTE_ROUTING',
      'DEFAULT_DUNNING_LEVELS',
      'DEFAULT_TIMESTAMP_TOLERANCE_SECONDS',
      'DEFAULT_WRITE_OFF_AUTHORITY',
      'DISPUTE_ACTIONS',
      'DISPUTE_CATEGORIES',
      'DISPUTE_PROCESS_ACTIONS',
      'DISPUTE_SOURCES',
      'DISPUTE_STATUSES',
      'Decimal',
      'DomainError',
      'DomainErrorCode',
      'ORDER_STATUSES',
      'OpenInvoiceLedger',
      'PAYER_IDENTIFICATION_THRESHOLD',
      'PAYER_MATCH_RULES',
      'PING_EVENT_TYPE',
      'RECEIVABLES_AGING_BUCKETS',
      'REVIEW_REASONS',
      'RISK_REASON_CODES',
      'SETTLEMENT_KINDS',
      'SHIPMENT_EVENT_REASONS',
      'SHIPMENT_EVENT_TYPES',
      'SHIPPABLE_STATUSES',
      'SHORTAGE_POLICIES',
      'SIGNATURE_VERSION',
      'SLA_HOURS_MAX',
      'UNEARNED_DISCOUNT_CODE',
      'UNIT_CODES',
      'UNIT_PRICE_DECIMALS',
      'WAREHOUSE_EVENT_TYPES',
      'WEBHOOK_EVENT_TYPES',
      'WEBHOOK_SECRET_PREFIX',
      'actionTowards',
      'addDays',
      'addMoney',
      'addressViolation',
      'admitDelivery',
      'afterDeliveryFailure',
      'afterDeliverySuccess',
      'ageReceivables',
      'agingBucket',
      'allocateMoney',
      'allocatedQuantity',
      'allocationOutcome',
      'allowedDisputeActions',
      'allowsFractions',
      'applicableTaxRate',
      'assertNotNegative',
      'assertQuantityFitsUnit',
      'assertRetrySchedule',
      'assertTransition',
      'assertValidItemUnits',
      'assertWithinShipped',
      'assertWriteOffAuthority',
      'backordersAllowed',
      'bandOf',
      'billableLineQuantity',
      'canTransition',
      'catalogueTypesSelectedBy',
      'checkMargin',
      'checkShipmentQuantity',
      'checkedTaxPercent',
      'classifyIpAddress',
      'collectionRisk',
      'collectionTaskTerms',
      'compareDates',
      'compareMoney',
      'completionTransitions',
      'computeCreditMemo',
      'computeInvoiceAmounts',
      'computeOrderTotals',
      'convertQuantity',
      'creditExposure',
      'daysBetween',
      'daysSalesOutstanding',
      'decideCashApplication',
      'decideCredit',
      'decideManualWriteOff',
      'decideRequestedPrice',
      'decideShipmentEvent',
      'deductionCategory',
      'defaultSlaHours',
      'describePaymentTerms',
      'discountDeadline',
      'discountTerms',
      'disputeRuleMatches',
      'dueDate',
      'dunningLevelFor',
      'earlyPaymentDiscount',
      'endOfMonth',
      'endpointUrlViolations',
      'escalationLadder',
      'escalationTarget',
      'eventTypeMatches',
      'eventTypeViolations',
      'formatAmount',
      'formatDocumentNumber',
      'formatWebhookSecret',
      'holdReminderDue',
      'identifyPayer',
      'intakeHolds',
      'inventoryHold',
      'invoiceNumberKeys',
      'invoiceShipment',
      'invoiceStatusWithDisputes',
      'invoiceTerms',
      'isCalendarDate',
      'isCarrierEvent',
      'isCurrencyCode',
      'isDisputeStatus',
      'isDomainError',
      'isEventType',
      'isEventTypePattern',
      'isGreaterThan',
      'isLessThan',
      'isLineShippedInFull',
      'isLiveDispute',
      'isNegative',
      'isOrderStatus',
      'isPartnerVisibleEventType',
      'isPositive',
      'isRounded',
      'isShipmentEventType',
      'isShippable',
      'isTerminal',
      'isUnitCode',
      'isWarehouseEvent',
      'isWebhookSecret',
      'isZero',
      'lineAfterBackorderAllocation',
      'lineAfterShipment',
      'maxMoney',
      'minMoney',
      'minorUnits',
      'moneyEquals',
      'moneyOf',
      'multiplyMoney',
      'negateMoney',
      'nextDisputeStatus',
      'nextDunningNotice',
      'nextOrderStatuses',
      'nextRetry',
      'normaliseIdentifier',
      'normalisePartyName',
      'normalizeEventTypePatterns',
      'openBalance',
      'openInvoicesAfter',
      'parkedEventsInOrder',
      'parseCalendarDate',
      'parseCurrency',
      'parseDecimalString',
      'parseMoney',
      'parsePaymentTerms',
      'parseQuantity',
      'parseSignatureHeader',
      'parseUnitCode',
      'perUom',
      'planAllocation',
      'planAllocationDrawdown',
      'previousSecretExpiresAt',
      'priceOrderLine',
      'readReference',
      'reconciledDeliveryTime',
      'referenceLookupKeys',
      'referencesInText',
      'renderDunningMessage',
      'renderRebillNotice',
      'requestedShortagePolicy',
      'resolveUnitPrice',
      'resolvedAddressViolations',
      'retryAfterMs',
      'retryDelayMs',
      'rotateSigningSecrets',
      'roundMoney',
      'routeApproval',
      'routeCashReview',
      'routeDispute',
      'secretsInForce',
      'selectsEventType',
      'seriesNamedBy',
      'shipmentProgress',
      'shipmentStage',
      'shortagePolicyFromBackorders',
      'shortagesStand',
      'signatureHeader',
      'signaturesEqual',
      'signedContent',
      'slaDueAt',
      'stockKey',
      'subscriptionReceives',
      'subtractMoney',
      'sumMoney',
      'taxOn',
      'timestampWithinTolerance',
      'unbilledBase',
      'uniquelyNamed',
      'unitOfMeasure',
      'validateDunningLevels',
      'validateRoutingRule',
      'validateTaxRate',
      'webhookSecretHint',
      'webhookSecretKey',
      'writeOffAuthority',
      'writeOffLimit',
      'x12LineStatusCode',
      'zeroMoney',
    ]);
  });

  it('works end to end through the index: order, terms and discount', () => {
    const { Decimal } = domain;
    const quantity = domain.convertQuantity(domain.parseQuantity('2', 'CS'), 'CS', 'EA', {
      baseUom: 'EA',
      conversions: [{ uom: 'CS', toBase: '12' }],
    });
    const price = domain.parseMoney('4.25', 'USD', 'unitPrice');
    const totals = domain.computeOrderTotals({
      currency: price.currency,
      lines: [{ quantity, unitPrice: price.amount, taxRate: new Decimal('0.0825') }],
      freight: domain.parseMoney('12.00', 'USD').amount,
    });
    expect(domain.formatAmount(totals.total)).toBe('122.42'); // 102.00 + 8.42 (8.415) + 12.00

    const terms = domain.parsePaymentTerms('2/10NET30');
    expect(domain.dueDate(terms, '2026-12-20')).toBe('2027-01-19');
    const earned = domain.earlyPaymentDiscount(terms, totals.total, '2026-12-20', '2026-12-30');
    expect(domain.formatAmount(earned)).toBe('2.45'); // 2.4484
  });

  it('works end to end through the index: price, credit, allocation, routing', () => {
    const { Decimal } = domain;
    const price = domain.resolveUnitPrice({
      quantity: new Decimal(24),
      on: '2026-03-31',
      listPrice: new Decimal('5.00'),
      agreements: [
        {
          id: 'PA-1',
          unitPrice: new Decimal('4.50'),
          validFrom: '2026-01-01',
          validTo: '2026-03-31',
          breaks: [{ minQuantity: new Decimal(24), unitPrice: new Decimal('4.25') }],
        },
      ],
    });
    expect([price.unitPrice.toString(), price.source, price.agreementId]).toEqual([
      '4.25',
      'contract',
      'PA-1',
    ]);
    const requested = domain.decideRequestedPrice({
      resolved: price.unitPrice,
      requested: new Decimal('4.00'),
      tolerancePercent: new Decimal(5),
      action: 'hold',
    });
    expect(requested.outcome).toBe('hold');

    const credit = domain.decideCredit({
      customerStatus: 'active',
      position: {
        creditLimit: new Decimal(1000),
        openReceivables: new Decimal(900),
        openOrders: new Decimal(0),
        shippedNotInvoiced: new Decimal(0),
        overdue: [],
        oldestOverdueDays: 0,
      },
      orderTotal: new Decimal('200.00'),
      overdueDaysLimit: 30,
    });
    if (credit.outcome !== 'hold') throw new Error('expected a credit hold');
    expect(credit.overrunPercent.toString()).toBe('10');
    const rule = domain.routeApproval(domain.DEFAULT_APPROVAL_ROUTING, {
      queue: 'credit-review',
      orderTotal: new Decimal('200.00'),
      overrunPercent: credit.overrunPercent,
      reasons: credit.reasons,
    });
    expect(rule?.role).toBe('credit-manager');
    expect(domain.slaDueAt('2026-03-31T20:00:00Z', rule?.slaHours ?? 0)).toBe(
      '2026-04-01T04:00:00.000Z',
    );

    const plan = domain.planAllocation({
      lines: [{ lineNumber: 1, itemId: 'BRG-1', quantity: new Decimal(24), substitutes: [] }],
      shipToRegion: 'US-MW',
      warehouses: [{ id: 'CHI', regionsServed: ['US-MW'] }],
      available: new Map([[domain.stockKey('CHI', 'BRG-1'), new Decimal(20)]]),
      allowBackorders: true,
      allowSubstitutions: false,
    });
    expect(domain.x12LineStatusCode(plan.lines[0].status)).toBe('IB');
    expect(domain.canTransition('on_hold', 'approved')).toBe(true);
  });

  it('throws coded errors an HTTP layer can map', () => {
    try {
      domain.parseMoney('12.345', 'USD', 'lines[0].unitPrice');
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(domain.isDomainError(error)).toBe(true);
      if (domain.isDomainError(error)) {
        expect(error.code).toBe(domain.DomainErrorCode.MONEY_TOO_MANY_DECIMALS);
        expect(error.field).toBe('lines[0].unitPrice');
      }
    }
  });
});
