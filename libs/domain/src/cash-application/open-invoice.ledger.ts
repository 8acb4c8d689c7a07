import { parseCalendarDate } from '../dates/calendar-date';
import { Decimal } from '../decimal/decimal';
import { type CurrencyCode, minorUnits } from '../money/currency.table';
import { parsePaymentTerms } from '../payment-terms/payment-terms.parser';
import { discountDeadline } from '../payment-terms/payment-terms.schedule';
import type { PaymentTerms } from '../payment-terms/payment-terms.types';
import type { CashApplicationResult, OpenInvoice } from './cash-application.types';
import { checkedCurrency, checkedMoney, invalidCashInput, requireText } from './cash-input.checks';
import { OpenInvoiceIndex } from './open-invoice.index';
import type { WorkingInvoice } from './working-invoice';

/** Terms codes repeat across thousands of invoices; parsing each distinct code once is enough. */
const TERMS_CACHE = new Map<string, PaymentTerms>();
const TERMS_CACHE_LIMIT = 512;

/**
 * A customer's open invoices, checked, ordered oldest first and indexed by the keys payers'
 * references are looked up with, with their current balances. Preparing it is the costly
 * part of deciding a payment; a batch keeps one per customer and moves it forward with
 * `afterApplying`, which only changes the balances. Immutable.
 */
export class OpenInvoiceLedger {
  private constructor(
    /** The customer every invoice belongs to; null for candidates of any customer. */
    readonly customerId: string | null,
    readonly invoices: readonly WorkingInvoice[],
    readonly index: OpenInvoiceIndex,
    /** Invoice id -> position (its age), shared by every version of the ledger. */
    private readonly positions: ReadonlyMap<string, number>,
    /** Balances by position: copying an array of a customer's balances is cheap. */
    private readonly balances: readonly Decimal[],
    /** The same balances in whole minor units, for fast amount scans. */
    private readonly minors: readonly number[],
  ) {}

  /**
   * Checks and prepares the invoices: ids unique, amounts decimals with the currency's minor
   * units, the open balance between zero and the total, dates and terms valid, and — when
   * `customerId` is given — every invoice that customer's (cash must never reach another's).
   */
  static of(invoices: readonly OpenInvoice[], customerId: string | null = null): OpenInvoiceLedger {
    const seen = new Set<string>();
    invoices.forEach((invoice, index) => {
      const field = `openInvoices[${index}]`;
      requireText(invoice.invoiceId, `${field}.invoiceId`);
      if (seen.has(invoice.invoiceId))
        throw invalidCashInput(`${field}.invoiceId`, 'appears twice');
      seen.add(invoice.invoiceId);
      if (customerId !== null && invoice.customerId !== customerId) {
        throw invalidCashInput(
          `${field}.customerId`,
          `belongs to another customer than ${customerId}`,
        );
      }
    });
    const order = invoices.map((_, index) => index).sort((a, b) => byAge(invoices[a], invoices[b]));
    const ordered = order.map((position, age) =>
      workingInvoice(invoices[position], `openInvoices[${position}]`, age),
    );
    const positions = new Map(ordered.map((invoice) => [invoice.invoiceId, invoice.age]));
    const balances = ordered.map((invoice) => invoice.openBalance);
    const minors = ordered.map((invoice) => minorUnitsOf(invoice.openBalance, invoice.currency));
    return new OpenInvoiceLedger(
      customerId,
      ordered,
      new OpenInvoiceIndex(ordered),
      positions,
      balances,
      minors,
    );
  }

  balanceOf(invoiceId: string): Decimal | undefined {
    const position = this.positions.get(invoiceId);
    return position === undefined ? undefined : this.balances[position];
  }

  /** The current balance of an invoice of this ledger. */
  balanceOfInvoice(invoice: WorkingInvoice): Decimal {
    return this.balances[invoice.age];
  }

  /** The same, in whole minor units (cents). */
  minorBalanceOfInvoice(invoice: WorkingInvoice): number {
    return this.minors[invoice.age];
  }

  /**
   * The ledger once a result is booked: each applied invoice's balance drops by the cash,
   * discount and write-off it settled; deductions stay open (disputed, not paid).
   */
  afterApplying(result: CashApplicationResult): OpenInvoiceLedger {
    let balances: Decimal[] | null = null;
    let minors: number[] | null = null;
    for (const decision of result.decisions) {
      if (decision.kind !== 'apply') continue;
      const position = this.positions.get(decision.invoiceId);
      if (position === undefined) continue;
      balances ??= [...this.balances];
      minors ??= [...this.minors];
      const settled = decision.amount.plus(decision.discount).plus(decision.writeOff);
      balances[position] = balances[position].minus(settled);
      minors[position] = minorUnitsOf(balances[position], this.invoices[position].currency);
    }
    return balances === null || minors === null
      ? this
      : new OpenInvoiceLedger(
          this.customerId,
          this.invoices,
          this.index,
          this.positions,
          balances,
          minors,
        );
  }

  /** The invoices with their current balances, oldest first. */
  toOpenInvoices(): OpenInvoice[] {
    return this.invoices.map((invoice) => {
      const { terms: _terms, discountDeadline: _deadline, age: _age, ...plain } = invoice;
      return { ...plain, openBalance: this.balances[invoice.age] };
    });
  }
}

function workingInvoice(invoice: OpenInvoice, field: string, age: number): WorkingInvoice {
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
  const terms = termsOf(invoice.paymentTerms, field);
  // A literal of fixed shape, not a spread: a million of these are built for a large batch.
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    customerId: invoice.customerId,
    currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    total,
    openBalance,
    paymentTerms: invoice.paymentTerms,
    terms,
    discountDeadline: deadlineOf(terms, invoice.issueDate),
    age,
  };
}

const SCALES = new Map<CurrencyCode, Decimal>();

/** Below this many minor units, amount x scale in floating point is within 0.5 of the integer. */
const EXACT_MINOR_LIMIT = 2 ** 50;

/** An amount in whole minor units (cents) as a number; exact for any real ledger's balances. */
export function minorUnitsOf(amount: Decimal, currency: CurrencyCode): number {
  const digits = minorUnits(currency);
  // The usual case, an amount already in the currency's minor units: a float product rounded
  // to the nearest integer is the exact count (no Decimal multiplication, no new object).
  if (amount.decimalPlaces() <= digits) {
    const minor = Math.round(amount.toNumber() * 10 ** digits);
    if (Math.abs(minor) < EXACT_MINOR_LIMIT) return minor;
  }
  let scale = SCALES.get(currency);
  if (scale === undefined) {
    scale = new Decimal(10).pow(digits);
    SCALES.set(currency, scale);
  }
  return amount.times(scale).toNumber();
}

/** A ledger's dates repeat (a few hundred distinct days for a million invoices). */
const VALID_DATES = new Set<string>();

function checkedDate(date: string, field: string): void {
  if (VALID_DATES.has(date)) return;
  parseCalendarDate(date, field);
  if (VALID_DATES.size >= 4096) VALID_DATES.clear();
  VALID_DATES.add(date);
}

/** Invoices of one day share their deadline: computed once per terms and issue date. */
const DEADLINE_CACHE = new Map<string, string | null>();

function deadlineOf(terms: PaymentTerms, issueDate: string): string | null {
  const key = `${terms.code}|${issueDate}`;
  if (DEADLINE_CACHE.has(key)) return DEADLINE_CACHE.get(key) ?? null;
  const deadline = discountDeadline(terms, issueDate);
  if (DEADLINE_CACHE.size >= 4096) DEADLINE_CACHE.clear();
  DEADLINE_CACHE.set(key, deadline);
  return deadline;
}

function termsOf(code: string, field: string): PaymentTerms {
  const cached = TERMS_CACHE.get(code);
  if (cached !== undefined) return cached;
  const terms = parsePaymentTerms(code, `${field}.paymentTerms`);
  if (TERMS_CACHE.size >= TERMS_CACHE_LIMIT) TERMS_CACHE.clear();
  TERMS_CACHE.set(code, terms);
  return terms;
}

function byAge(a: OpenInvoice, b: OpenInvoice): number {
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.invoiceNumber !== b.invoiceNumber) return a.invoiceNumber < b.invoiceNumber ? -1 : 1;
  return a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0;
}
