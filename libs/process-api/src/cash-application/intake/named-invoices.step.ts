import { Injectable } from '@nestjs/common';
import {
  type NamedSeries,
  OpenInvoiceLedger,
  readReference,
  referenceLookupKeys,
  seriesNamedBy,
  uniquelyNamed,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import { CashInputsRepository } from '../ledger/cash-inputs.repository';
import { invoiceNumberSql } from '../ledger/invoice-status.sql';
import type { PaymentRequest } from './payment-request.mapper';

/** An invoice a remittance line names, by id or by its structured reference. */
export interface NamedInvoice {
  id: string;
  customerId: string;
  currency: string;
  number: string;
}

/**
 * The invoice a line's structured reference names beyond doubt, and that the cash run could
 * not read as an invoice of the payer in the payment's currency: refused unless the payer's.
 */
export interface ReferencedInvoice {
  readonly reference: string;
  readonly invoice: NamedInvoice;
}

/** A line's reference and the invoices found in the series it may name. */
interface ReferenceLookup {
  readonly index: number;
  readonly reference: string;
  readonly byNumber: boolean;
  readonly found: readonly { readonly invoice: NamedInvoice; readonly exact: boolean }[];
}

const COLUMNS = `i.id, i.customer_id AS "customerId", i.currency,
  ${invoiceNumberSql('i')} AS number`;

const BY_ID = `SELECT ${COLUMNS} FROM invoices i WHERE i.id = ANY($1::uuid[])`;

/** By the unique (series, number) index, whoever's and whatever their status. */
const BY_SERIES_AND_NUMBER = `
  SELECT ${COLUMNS}, i.series, i.invoice_number::text AS "invoiceNumber"
    FROM unnest($1::text[], $2::bigint[]) AS k(series, number)
    JOIN invoices i ON i.series = k.series AND i.invoice_number = k.number`;

/**
 * The invoices a JSON payment's remittance lines name: by id, and by the structured reference
 * of a line naming an invoice, read as the set-based pass and `OpenInvoiceIndex`
 * read it (the series its prefix spells, else its number in any series) but among every
 * customer's invoices, so that a line naming a stranger's invoice can be refused.
 */
@Injectable()
export class NamedInvoicesStep {
  constructor(private readonly inputs: CashInputsRepository) {}

  async byId(manager: EntityManager, request: PaymentRequest): Promise<Map<string, NamedInvoice>> {
    const ids = request.lineInvoiceIds.filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    const rows = await manager.query<NamedInvoice[]>(BY_ID, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * By line position, for the lines without an invoice id whose reference reads as a number:
   * the invoice it names when that is one existing invoice (a number in two series names
   * none) and no invoice of the payer in the payment's currency answers to the reference,
   * neither by its number nor one slip away (the engine would read it as that one, or suggest
   * it: a typing slip goes to review).
   */
  async byReference(
    manager: EntityManager,
    request: PaymentRequest,
    customerId: string,
  ): Promise<Map<number, ReferencedInvoice>> {
    const currency = request.remittance.currency;
    const suspects = (await this.lookups(manager, request)).flatMap((lookup) => {
      const invoice = uniquelyNamed(lookup.found, lookup.byNumber);
      const payable = lookup.found.some(
        (candidate) =>
          candidate.invoice.customerId === customerId && candidate.invoice.currency === currency,
      );
      return invoice === undefined || payable ? [] : [{ ...lookup, invoice }];
    });
    if (suspects.length === 0) return new Map();
    // Only on the way to a refusal: the payer's open invoices, as the engine indexes them.
    const open = await this.inputs.openInvoices(manager, [customerId], []);
    const { index } = OpenInvoiceLedger.fromRows(open.get(customerId) ?? [], customerId);
    return new Map(
      suspects
        .filter((suspect) => {
          const read = readReference(suspect.reference);
          const near = read === null ? [] : index.find(read);
          return !near.some((candidate) => candidate.invoice.currency === currency);
        })
        .map((suspect) => [
          suspect.index,
          { reference: suspect.reference, invoice: suspect.invoice },
        ]),
    );
  }

  private async lookups(
    manager: EntityManager,
    request: PaymentRequest,
  ): Promise<ReferenceLookup[]> {
    const lines = request.remittance.lines.flatMap((line, index) => {
      const reference = line.reference;
      // Only an invoice's number: a credit note's number is a credit memo's, not an invoice's.
      if (request.lineInvoiceIds[index] !== null || line.referenceKind !== 'invoice') return [];
      if (reference === null) return [];
      const keys = referenceLookupKeys(reference);
      return keys === null ? [] : [{ index, reference, keys }];
    });
    if (lines.length === 0) return [];
    const letterSeries = await this.inputs.letterSeries(manager);
    const named = lines.map((line) => ({
      ...line,
      series: seriesNamedBy(line.keys, letterSeries),
    }));
    const pairs = new Map<string, { series: string; number: string }>();
    for (const line of named) {
      for (const { series } of line.series) {
        pairs.set(`${series}|${line.keys.number}`, { series, number: line.keys.number });
      }
    }
    if (pairs.size === 0) return [];
    const rows = await manager.query<(NamedInvoice & { series: string; invoiceNumber: string })[]>(
      BY_SERIES_AND_NUMBER,
      [
        [...pairs.values()].map((pair) => pair.series),
        [...pairs.values()].map((pair) => pair.number),
      ],
    );
    const bySeries = new Map(
      rows.map(({ series, invoiceNumber, ...invoice }) => [`${series}|${invoiceNumber}`, invoice]),
    );
    return named.map((line) => ({
      index: line.index,
      reference: line.reference,
      byNumber: line.keys.byNumber,
      found: foundIn(line.series, line.keys.number, bySeries),
    }));
  }
}

function foundIn(
  series: readonly NamedSeries[],
  number: string,
  invoices: ReadonlyMap<string, NamedInvoice>,
): { invoice: NamedInvoice; exact: boolean }[] {
  return series.flatMap(({ series: name, exact }) => {
    const invoice = invoices.get(`${name}|${number}`);
    return invoice === undefined ? [] : [{ invoice, exact }];
  });
}

/**
 * Lines naming an invoice by id: it must exist, be the payer's and be in the payment currency.
 * A line whose structured reference names an invoice beyond doubt (see `byReference`): it must
 * be the payer's and in the payment currency. A reference naming no invoice is left to review.
 */
export function checkNamedInvoices(
  request: PaymentRequest,
  byId: ReadonlyMap<string, NamedInvoice>,
  byReference: ReadonlyMap<number, ReferencedInvoice>,
  customerId: string | null,
): void {
  request.remittance.lines.forEach((_line, index) => {
    const invoiceId = request.lineInvoiceIds[index] ?? null;
    if (invoiceId !== null) {
      checkInvoiceId(request, index, invoiceId, byId.get(invoiceId), customerId);
      return;
    }
    const referenced = byReference.get(index);
    if (referenced !== undefined && customerId !== null) {
      checkReference(request, index, referenced, customerId);
    }
  });
}

function checkInvoiceId(
  request: PaymentRequest,
  index: number,
  invoiceId: string,
  invoice: NamedInvoice | undefined,
  customerId: string | null,
): void {
  const path = `/body/remittanceLines/${index}/invoiceId`;
  if (!invoice) {
    throw cashProblem(CashErrorCode.INVOICE_NOT_FOUND, path, `invoice ${invoiceId} does not exist`);
  }
  if (customerId !== null && invoice.customerId !== customerId) {
    throw cashProblem(
      CashErrorCode.INVOICE_OF_ANOTHER_CUSTOMER,
      path,
      `invoice ${invoice.number} belongs to another customer than the payer`,
    );
  }
  checkCurrency(request, path, invoice);
}

function checkReference(
  request: PaymentRequest,
  index: number,
  { reference, invoice }: ReferencedInvoice,
  customerId: string,
): void {
  const path = `/body/remittanceLines/${index}/invoiceReference`;
  if (invoice.customerId !== customerId) {
    throw cashProblem(
      CashErrorCode.INVOICE_OF_ANOTHER_CUSTOMER,
      path,
      `"${reference}" is invoice ${invoice.number}, which belongs to another customer than the payer`,
    );
  }
  checkCurrency(request, path, invoice);
}

function checkCurrency(request: PaymentRequest, path: string, invoice: NamedInvoice): void {
  const currency = request.remittance.currency;
  if (invoice.currency !== currency) {
    throw cashProblem(
      CashErrorCode.CURRENCY_MISMATCH,
      path,
      `invoice ${invoice.number} is in ${invoice.currency}, the payment in ${currency}`,
    );
  }
}
