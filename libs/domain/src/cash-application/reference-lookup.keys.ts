import { readReference } from './invoice-reference';

/** The parts of a written reference a database looks an invoice up by. */
export interface ReferenceLookupKeys {
  /** Letters before the number, upper case, separators dropped: 'INV' of 'inv-0001234'; '' for none. */
  readonly prefix: string;
  /** The number without leading zeros, as decimal text that fits a bigint. */
  readonly number: string;
  /**
   * True when the prefix is a word for "invoice" or absent ('Invoice No. 1234', '00001234'):
   * an invoice of any series with that number is named, as `OpenInvoiceIndex` reads it.
   */
  readonly byNumber: boolean;
}

/** Largest number a bigint column holds has 19 digits; 18 always fit. */
const MAX_DIGITS = 18;

/**
 * The keys `OpenInvoiceIndex.find` matches exactly, in a form SQL can join on: a reference
 * names the invoice whose series (letters only, upper case) equals `prefix` and whose number
 * equals `number`; failing that, when `byNumber`, any invoice with that number. Null when the
 * reference is not letters followed by one number (OCR damage, several numbers, a date): only
 * the engine reads those.
 */
export function referenceLookupKeys(written: string): ReferenceLookupKeys | null {
  const read = readReference(written);
  if (read === null) return null;
  const parts = /^([A-Z]*)(\d+)$/.exec(read.exact);
  if (parts === null || parts[2].length > MAX_DIGITS) return null;
  return { prefix: parts[1], number: parts[2], byNumber: read.digits !== null };
}

/** A series a reference's number may be looked up in; `exact` when the reference spells it. */
export interface NamedSeries {
  readonly series: string;
  readonly exact: boolean;
}

/**
 * The series whose invoice with the reference's number the reference may name, of the given
 * series made of letters only: the one its prefix spells and, when it names an invoice by
 * number (`byNumber`), every other one, as `OpenInvoiceIndex` reads a reference.
 */
export function seriesNamedBy(
  keys: Pick<ReferenceLookupKeys, 'prefix' | 'byNumber'>,
  letterSeries: readonly string[],
): NamedSeries[] {
  return letterSeries.flatMap((series) => {
    const exact = series.toUpperCase() === keys.prefix;
    return exact || keys.byNumber ? [{ series, exact }] : [];
  });
}

/**
 * The one invoice a reference names among those found in the series it may name: the one in
 * the series it spells, else (named by number only) the one invoice with its number. Undefined
 * for none, and for several: a number found in two series is ambiguous.
 */
export function uniquelyNamed<T>(
  found: readonly { readonly invoice: T; readonly exact: boolean }[],
  byNumber: boolean,
): T | undefined {
  const exact = found.filter((candidate) => candidate.exact);
  const chosen = exact.length > 0 ? exact : byNumber ? found : [];
  return chosen.length === 1 ? chosen[0]?.invoice : undefined;
}
