import type { Decimal } from '../decimal/decimal';
import { minorUnitsOf } from '../money/minor-units';
import type { CashApplicationResult, OpenInvoice, OpenInvoiceRow } from './cash-application.types';
import { hasText, invalidCashInput, requireText } from './cash-input.checks';
import { type LedgerInvoice, ledgerInvoiceOf, ledgerInvoiceOfRow } from './ledger-invoice';
import { OpenInvoiceIndex } from './open-invoice.index';
import type { WorkingInvoice } from './working-invoice';

/** What a ledger checks and orders the invoices by before preparing each. */
type InvoiceKeys = Pick<
  OpenInvoice,
  'invoiceId' | 'invoiceNumber' | 'customerId' | 'issueDate' | 'dueDate'
>;

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
    /**
     * Balances booked results changed, by position; every other balance is the invoice's own
     * open balance. A customer's payments touch a few of its invoices: copying these is cheap.
     */
    private readonly moved: ReadonlyMap<number, Decimal>,
    /** Every current balance in whole minor units, by position, for fast amount scans. */
    private readonly minors: readonly number[],
  ) {}

  /**
   * Checks and prepares the invoices: ids unique, amounts decimals with the currency's minor
   * units, the open balance between zero and the total, dates and terms valid, and — when
   * `customerId` is given — every invoice that customer's (cash must never reach another's).
   */
  static of(invoices: readonly OpenInvoice[], customerId: string | null = null): OpenInvoiceLedger {
    return OpenInvoiceLedger.prepared(invoices, customerId, (invoice, position, age) =>
      ledgerInvoiceOf(invoice, `openInvoices[${position}]`, age),
    );
  }

  /**
   * The same ledger, with the same checks and errors, from invoices read with their amounts as
   * text: Decimals are built only for the balances the engine computes with.
   */
  static fromRows(
    rows: readonly OpenInvoiceRow[],
    customerId: string | null = null,
  ): OpenInvoiceLedger {
    return OpenInvoiceLedger.prepared(rows, customerId, ledgerInvoiceOfRow);
  }

  private static prepared<T extends InvoiceKeys>(
    invoices: readonly T[],
    customerId: string | null,
    prepare: (invoice: T, position: number, age: number) => LedgerInvoice,
  ): OpenInvoiceLedger {
    // Invoice id -> position: in the input while checking, then by age (the same entries).
    const positions = new Map<string, number>();
    // Field names are built only for an error: a batch checks a million invoices.
    invoices.forEach((invoice, index) => {
      if (!hasText(invoice.invoiceId))
        requireText(invoice.invoiceId, `openInvoices[${index}].invoiceId`);
      if (positions.has(invoice.invoiceId))
        throw invalidCashInput(`openInvoices[${index}].invoiceId`, 'appears twice');
      positions.set(invoice.invoiceId, index);
      if (customerId !== null && invoice.customerId !== customerId) {
        throw invalidCashInput(
          `openInvoices[${index}].customerId`,
          `belongs to another customer than ${customerId}`,
        );
      }
    });
    const order = invoices.map((_, index) => index).sort((a, b) => byAge(invoices[a], invoices[b]));
    const ordered: LedgerInvoice[] = [];
    const minors: number[] = [];
    for (let age = 0; age < order.length; age += 1) {
      const invoice = prepare(invoices[order[age]], order[age], age);
      ordered.push(invoice);
      positions.set(invoice.invoiceId, age);
      minors.push(invoice.openMinor);
    }
    return new OpenInvoiceLedger(
      customerId,
      ordered,
      new OpenInvoiceIndex(ordered),
      positions,
      new Map(),
      minors,
    );
  }

  balanceOf(invoiceId: string): Decimal | undefined {
    const position = this.positions.get(invoiceId);
    return position === undefined ? undefined : this.balanceAt(position);
  }

  /** The current balance of an invoice of this ledger. */
  balanceOfInvoice(invoice: WorkingInvoice): Decimal {
    return this.balanceAt(invoice.age);
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
    let moved: Map<number, Decimal> | null = null;
    let minors: number[] | null = null;
    for (const decision of result.decisions) {
      if (decision.kind !== 'apply') continue;
      const position = this.positions.get(decision.invoiceId);
      if (position === undefined) continue;
      moved ??= new Map(this.moved);
      minors ??= this.minors.slice();
      const settled = decision.amount.plus(decision.discount).plus(decision.writeOff);
      const before = moved.get(position) ?? this.invoices[position].openBalance;
      const after = before.minus(settled);
      moved.set(position, after);
      minors[position] = minorUnitsOf(after, this.invoices[position].currency);
    }
    return moved === null || minors === null
      ? this
      : new OpenInvoiceLedger(
          this.customerId,
          this.invoices,
          this.index,
          this.positions,
          moved,
          minors,
        );
  }

  /** The invoices with their current balances, oldest first. */
  toOpenInvoices(): OpenInvoice[] {
    return this.invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: invoice.customerId,
      currency: invoice.currency,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      total: invoice.total,
      openBalance: this.balanceAt(invoice.age),
      paymentTerms: invoice.paymentTerms,
    }));
  }

  private balanceAt(position: number): Decimal {
    return this.moved.get(position) ?? this.invoices[position].openBalance;
  }
}

function byAge(a: InvoiceKeys, b: InvoiceKeys): number {
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.invoiceNumber !== b.invoiceNumber) return a.invoiceNumber < b.invoiceNumber ? -1 : 1;
  return a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0;
}
