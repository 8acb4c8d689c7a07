import {
  assertNotNegative,
  formatAmount,
  parseCurrency,
  parseMoney,
  parsePaymentTerms,
  requestedShortagePolicy,
} from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { Customer } from '@o2c/persistence';
import type { CustomerFieldsBody, ShipToBody } from './customer.contract';

/** Copies validated request fields onto the entity; business checks name the field they fail. */
export function applyCustomerFields(
  customer: Customer,
  body: CustomerFieldsBody,
  currency: string,
): void {
  if (body.name !== undefined) customer.name = body.name;
  if (body.creditLimit !== undefined) {
    const limit = parseMoney(
      body.creditLimit.amount,
      body.creditLimit.currency,
      '/body/creditLimit/amount',
      '/body/creditLimit/currency',
    );
    assertNotNegative(limit, '/body/creditLimit/amount');
    if (limit.currency !== currency) {
      throw ProblemException.invalid(
        '/body/creditLimit/currency',
        'same-as-customer-currency',
        `the credit limit must be in the customer's currency ${currency}`,
      );
    }
    customer.creditLimit = formatAmount(limit);
  }
  if (body.paymentTerms !== undefined) {
    parsePaymentTerms(body.paymentTerms, '/body/paymentTerms');
    customer.paymentTerms = body.paymentTerms.trim().toUpperCase().replace(/\s+/g, ' ');
  }
  if (body.accountManager !== undefined)
    customer.accountManager = body.accountManager.toLowerCase();
  if (body.riskTier !== undefined) customer.riskTier = body.riskTier;
  if (body.billTo !== undefined) customer.billTo = body.billTo;
  if (body.aliases !== undefined) customer.externalAliases = [...new Set(body.aliases)];
  const policy = body.orderPolicy;
  if (policy) {
    const shortage = requestedShortagePolicy(policy, customer.shortagePolicy ?? 'backorder');
    if (shortage.kind === 'conflict') {
      throw ProblemException.invalid(
        '/body/orderPolicy/allowBackorders',
        'agrees-with-shortage-policy',
        `allowBackorders ${String(policy.allowBackorders)} contradicts shortagePolicy ` +
          `${String(policy.shortagePolicy)}: only the backorder policy backorders`,
      );
    }
    if (shortage.kind === 'set') customer.shortagePolicy = shortage.policy;
    if (policy.allowSubstitutions !== undefined)
      customer.allowSubstitutions = policy.allowSubstitutions;
    if (policy.priceTolerancePercent !== undefined)
      customer.priceTolerancePercent = policy.priceTolerancePercent;
    if (policy.priceDeviationAction !== undefined)
      customer.priceDeviationAction = policy.priceDeviationAction;
    if (policy.overdueDaysLimit !== undefined) customer.overdueDaysLimit = policy.overdueDaysLimit;
    if (policy.marginFloorPercent !== undefined)
      customer.marginFloorPercent = policy.marginFloorPercent;
  }
}

export function customerCurrency(currency: string): string {
  return parseCurrency(currency, '/body/currency');
}

export function assertDistinctShipToCodes(shipTos: ShipToBody[]): void {
  const seen = new Set<string>();
  shipTos.forEach((shipTo, index) => {
    if (seen.has(shipTo.code)) {
      throw ProblemException.invalid(
        `/body/shipTos/${index}/code`,
        'unique',
        `ship-to code ${shipTo.code} appears twice`,
      );
    }
    seen.add(shipTo.code);
  });
}
