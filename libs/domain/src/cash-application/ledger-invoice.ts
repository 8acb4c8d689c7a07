import { parseCalendarDate } from '../dates/calendar-date';
import { Decimal, toDecimal } from '../decimal/decimal';
import { type CurrencyCode, isCurrencyCode, minorUnits } from '../money/currency.table';
import { minorUnitsOf, scanMinorUnits } from '../money/minor-units';
import { parsePaymentTerms } from '../payment-terms/payment-terms.parser';
import { discountDeadline } from '../payment-terms/payment-terms.schedule';
import type { PaymentTerms } from '../payment-terms/payment-terms.types';
import type { OpenInvoice, OpenInvoiceRow } from './cash-application.types';
import {
  checkedCurrency,
  checkedMoney,
  hasText,
  invalidCashInput,
  requireText,
} from './cash-input.checks';
import type { WorkingInvoice } from './working-invoice';

/**
 * An invoice of an OpenInvoiceLedger, checked. Its amounts stay as they came, Decimal or text,
 * until one is asked for: the engine computes with a few invoices of a customer's hundred and
 * only compares the others in minor units, so most never need a Decimal. One class for both
 * kinds of input keeps the engine's property reads on a single object shape.
 */
export class LedgerInvoice implements WorkingInvoice {
  /** Checked text is turned into its Decimal once, on first use (the value never changes). */
  #total: Decimal | string;
  #openBalance: Decimal | string;

  // Positional, not an options object: a batch builds a million of these.
  constructor(
    readonly invoiceId: string,
    readonly invoiceNumber: string,
    readonly customerId: string,
    readonly currency: CurrencyCode,
    readonly issueDate: string,
    readonly dueDate: string,
    readonly paymentTerms: string,
    readonly terms: PaymentTerms,
    readonly discountDeadline: string | null,
    readonly age: number,
    /** The open balance as given, in whole minor units. */
    readonly openMinor: number,
    total: Decimal | string,
    openBalance: Decimal | string,
  ) {
    this.#total = total;
    this.#openBalance = openBalance;
  }

  get total(): Decimal {
    if (typeof this.#total === 'string') this.#total = checkedDecimal(this.#total);
    return this.#total;
  }

  get openBalance(): Decimal {
    if (typeof this.#openBalance === 'string')
      this.#openBalance = checkedDecimal(this.#openBalance);
    return this.#openBalance;
  }
}

/** The Decimal checkedMoney returns for text the scan accepted (negatives, -0 too, re-homed). */
function checkedDecimal(text: string): Decimal {
  const amount = new Decimal(text);
  return amount.isNegative() ? toDecimal(amount) : amount;
}

/**
 * Checks an invoice given with Decimal amounts (`field` names it in errors) and prepares it
 * at position `age`, oldest first.
 */
export function ledgerInvoiceOf(invoice: OpenInvoice, field: string, age: number): LedgerInvoice {
  requireText(invoice.invoiceNumber, `${field}.invoiceNumber`);
  requireText(invoice.customerId, `${field}.customerId`);
  const currency = checkedCurrency(invoice.currency, `${field}.currency`);
  checkedDate(invoice.issueDate, `${field}.issueDate`);
  checkedDate(invoice.dueDate, `${field}.dueDate`);
  const total = checkedMoney(invoice.total, currency, `${field}.total`);
  const openBalance = checkedMoney(invoice.openBalance, currency, `${field}.openBalance`);
  if (openBalance.isNegative())
    throw invalidCashInput(`${field}.openBalance`, 'must not be negative');
  if (openBalance.greaterThan(total)) {
    throw invalidCashInput(`${field}.openBalance`, 'must not exceed the invoice total');
  }
  const terms = termsOf(invoice.paymentTerms, `${field}.paymentTerms`);
  return new LedgerInvoice(
    invoice.invoiceId,
    invoice.invoiceNumber,
    invoice.customerId,
    currency,
    invoice.issueDate,
    invoice.dueDate,
    invoice.paymentTerms,
    terms,
    deadlineOf(terms, invoice.issueDate),
    age,
    minorUnitsOf(openBalance, currency),
    total,
    openBalance,
  );
}

/**
 * The same checks, in the same order and with the same errors, for an invoice read with its
 * amounts as text (the `position`-th of the input). Plain amounts are checked in minor units
 * read from the text; any other text takes the Decimal path above. Field names are built
 * only for an error.
 */
export function ledgerInvoiceOfRow(
  row: OpenInvoiceRow,
  position: number,
  age: number,
): LedgerInvoice {
  if (!hasText(row.invoiceNumber))
    requireText(row.invoiceNumber, fieldOf(position, 'invoiceNumber'));
  if (!hasText(row.customerId)) requireText(row.customerId, fieldOf(position, 'customerId'));
  const currency = isCurrencyCode(row.currency)
    ? row.currency
    : checkedCurrency(row.currency, fieldOf(position, 'currency'));
  if (!VALID_DATES.has(row.issueDate)) checkedDate(row.issueDate, fieldOf(position, 'issueDate'));
  if (!VALID_DATES.has(row.dueDate)) checkedDate(row.dueDate, fieldOf(position, 'dueDate'));
  const digits = minorUnits(currency);
  const totalMinor = scanMinorUnits(row.total, digits);
  const openMinor = scanMinorUnits(row.openBalance, digits);
  if (totalMinor === null || openMinor === null) {
    const invoice: OpenInvoice = {
      ...row,
      currency,
      total: new Decimal(row.total),
      openBalance: new Decimal(row.openBalance),
    };
    return ledgerInvoiceOf(invoice, `openInvoices[${position}]`, age);
  }
  if (openMinor < 0)
    throw invalidCashInput(fieldOf(position, 'openBalance'), 'must not be negative');
  if (openMinor > totalMinor) {
    throw invalidCashInput(fieldOf(position, 'openBalance'), 'must not exceed the invoice total');
  }
  const terms =
    TERMS_CACHE.get(row.paymentTerms) ??
    termsOf(row.paymentTerms, fieldOf(position, 'paymentTerms'));
  return new LedgerInvoice(
    row.invoiceId,
    row.invoiceNumber,
    row.customerId,
    currency,
    row.issueDate,
    row.dueDate,
    row.paymentTerms,
    terms,
    deadlineOf(terms, row.issueDate),
    age,
    openMinor,
    row.total,
    row.openBalance,
  );
}

function fieldOf(position: number, name: string): string {
  return `openInvoices[${position}].${name}`;
}

/** A ledger's dates repeat (a few hundred distinct days for a million invoices). */
const VALID_DATES = new Set<string>();

function checkedDate(date: string, field: string): void {
  if (VALID_DATES.has(date)) return;
  parseCalendarDate(date, field);
  if (VALID_DATES.size >= 4096) VALID_DATES.clear();
  VALID_DATES.add(date);
}

/** Terms codes repeat across thousands of invoices; parsing each distinct code once is enough. */
const TERMS_CACHE = new Map<string, PaymentTerms>();
const TERMS_CACHE_LIMIT = 512;

function termsOf(code: string, field: string): PaymentTerms {
  const cached = TERMS_CACHE.get(code);
  if (cached !== undefined) return cached;
  const terms = parsePaymentTerms(code, field);
  if (TERMS_CACHE.size >= TERMS_CACHE_LIMIT) TERMS_CACHE.clear();
  TERMS_CACHE.set(code, terms);
  return terms;
}

/**
 * Invoices of one day share their deadline: computed once per terms and issue date, looked up
 * by terms code then date (no key string built per invoice).
 */
const DEADLINES = new Map<string, Map<string, string | null>>();
const DEADLINES_LIMIT = 4096;
let deadlinesHeld = 0;

function deadlineOf(terms: PaymentTerms, issueDate: string): string | null {
  let byDate = DEADLINES.get(terms.code);
  const cached = byDate?.get(issueDate);
  if (cached !== undefined) return cached;
  const deadline = discountDeadline(terms, issueDate);
  if (deadlinesHeld >= DEADLINES_LIMIT) {
    DEADLINES.clear();
    deadlinesHeld = 0;
    byDate = undefined;
  }
  if (byDate === undefined) {
    byDate = new Map();
    DEADLINES.set(terms.code, byDate);
  }
  byDate.set(issueDate, deadline);
  deadlinesHeld += 1;
  return deadline;
}
