import { parseCalendarDate } from '../dates/calendar-date';
import type { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import type { CurrencyCode } from '../money/currency.table';
import type {
  CustomerCashProfile,
  OpenInvoice,
  PaymentToApply,
  RemittanceAdviceLine,
} from './cash-application.types';
import {
  CASH_INPUT,
  checkedCurrency,
  checkedMoney,
  invalidCashInput,
  requireText,
} from './cash-input.checks';
import { OpenInvoiceLedger } from './open-invoice.ledger';

export interface CashApplicationInput {
  readonly payment: PaymentToApply;
  /** Null when the payer could not be identified. */
  readonly customer: CustomerCashProfile | null;
  /**
   * The customer's open invoices with current balances. For an unidentified payer: candidate
   * invoices of any customer (e.g. found by the references), used only to suggest. A prepared
   * OpenInvoiceLedger saves re-checking and re-indexing them for every payment.
   */
  readonly openInvoices: readonly OpenInvoice[] | OpenInvoiceLedger;
}

export interface CheckedInput {
  /** The payment with every amount re-homed on the domain Decimal. */
  readonly payment: PaymentToApply;
  readonly customer: CustomerCashProfile | null;
  readonly ledger: OpenInvoiceLedger;
}

/**
 * Rejects input the engine could get wrong: amounts that are not decimals or carry more
 * decimals than the currency, negative cash, invalid dates, duplicate lines, and invoices of
 * another customer (applying to them would move one customer's cash to another). Raw
 * invoices are prepared into a ledger here; a prepared ledger must be the customer's.
 */
export function checkedCashInput(input: CashApplicationInput): CheckedInput {
  const { payment, customer } = input;
  requireText(payment.paymentId, 'payment.paymentId');
  const currency = checkedCurrency(payment.currency, 'payment.currency');
  const amount = checkedMoney(payment.amount, currency, 'payment.amount');
  if (!amount.greaterThan(0)) throw invalidCashInput('payment.amount', 'must be positive');
  parseCalendarDate(payment.valueDate, 'payment.valueDate');
  const lines = checkLines(payment.lines, currency);
  payment.freeText.forEach((line, index) => {
    if (typeof line !== 'string')
      throw invalidCashInput(`payment.freeText[${index}]`, 'must be text');
  });
  const profile = customer === null ? null : checkCustomer(customer, currency);
  const customerId = customer?.customerId ?? null;
  let ledger: OpenInvoiceLedger;
  if (input.openInvoices instanceof OpenInvoiceLedger) {
    ledger = input.openInvoices;
    if (customerId !== null && ledger.customerId !== customerId) {
      throw invalidCashInput(
        'openInvoices',
        `is the ledger of ${ledger.customerId ?? 'no single customer'}, not of ${customerId}`,
      );
    }
  } else {
    ledger = OpenInvoiceLedger.of(input.openInvoices, customerId);
  }
  return { payment: { ...payment, amount, lines }, customer: profile, ledger };
}

function checkLines(
  lines: readonly RemittanceAdviceLine[],
  currency: CurrencyCode,
): RemittanceAdviceLine[] {
  const numbers = new Set<number>();
  return lines.map((line, index) => {
    const field = `payment.lines[${index}]`;
    if (!Number.isSafeInteger(line.lineNumber) || line.lineNumber < 1) {
      throw invalidCashInput(`${field}.lineNumber`, 'must be a positive whole number');
    }
    if (numbers.has(line.lineNumber))
      throw invalidCashInput(`${field}.lineNumber`, 'appears twice');
    numbers.add(line.lineNumber);
    const amountPaid =
      line.amountPaid === null
        ? null
        : checkedMoney(line.amountPaid, currency, `${field}.amountPaid`);
    const discountTaken = notNegative(line.discountTaken, currency, `${field}.discountTaken`);
    const adjustmentAmount = notNegative(
      line.adjustmentAmount,
      currency,
      `${field}.adjustmentAmount`,
    );
    for (const name of ['reference', 'adjustmentReasonCode', 'freeText'] as const) {
      if (line[name] !== null && typeof line[name] !== 'string') {
        throw invalidCashInput(`${field}.${name}`, 'must be text or null');
      }
    }
    return { ...line, amountPaid, discountTaken, adjustmentAmount };
  });
}

function notNegative(value: Decimal | null, currency: CurrencyCode, field: string) {
  if (value === null) return null;
  const amount = checkedMoney(value, currency, field);
  if (amount.isNegative()) throw invalidCashInput(field, 'must not be negative');
  return amount;
}

function checkCustomer(customer: CustomerCashProfile, currency: CurrencyCode): CustomerCashProfile {
  requireText(customer.customerId, 'customer.customerId');
  const absolute = checkedMoney(
    customer.writeOffTolerance.absolute,
    currency,
    'customer.writeOffTolerance.absolute',
  );
  if (absolute.isNegative()) {
    throw invalidCashInput('customer.writeOffTolerance.absolute', 'must not be negative');
  }
  const percent = finiteDecimal(
    customer.writeOffTolerance.percent,
    'customer.writeOffTolerance.percent',
    CASH_INPUT,
  );
  if (percent.isNegative() || percent.greaterThan(100)) {
    throw invalidCashInput('customer.writeOffTolerance.percent', 'must be from 0 to 100');
  }
  const grace = customer.discountGraceDays;
  if (!Number.isSafeInteger(grace) || grace < 0 || grace > 60) {
    throw invalidCashInput(
      'customer.discountGraceDays',
      'must be a whole number of days from 0 to 60',
    );
  }
  return { ...customer, writeOffTolerance: { absolute, percent } };
}
