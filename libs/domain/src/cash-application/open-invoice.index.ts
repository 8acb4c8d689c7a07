import type { WorkingInvoice } from './working-invoice';
import { boundedEditDistance, isSingleTransposition } from './damerau-levenshtein';
import { invoiceNumberKeys, type ReadReference } from './invoice-reference';

export type ReferenceEditKind = 'exact' | 'ocr' | 'transposition' | 'edit';

/** An invoice a reference may mean, with how closely the reference spells its number. */
export interface ReferenceCandidate {
  readonly invoice: WorkingInvoice;
  readonly editKind: ReferenceEditKind;
  readonly distance: number;
  /** 1 for an exact (normalised) match, lower the more repair it took. */
  readonly similarity: number;
}

/**
 * How much a repaired reference is still worth. A transposition is the commonest typing slip
 * and keeps most of the evidence; two edits on a short number could be anything.
 */
const SIMILARITY: Readonly<Record<Exclude<ReferenceEditKind, 'exact'>, readonly number[]>> = {
  ocr: [0.95],
  transposition: [0.85],
  edit: [0, 0.8, 0.6],
};

const MAX_FUZZY_CANDIDATES = 8;

/** Shorter numbers collide too easily for fuzzy matching to mean anything. */
const MIN_FUZZY_DIGITS = 4;

/**
 * The invoices a key names. Nearly every key names one invoice, held as itself: a batch indexes
 * a million invoices, and an array per key would be a million arrays.
 */
type Named = WorkingInvoice | WorkingInvoice[];

/** The customer's open invoices by the keys payers' references are looked up with. */
export class OpenInvoiceIndex {
  private readonly byExact = new Map<string, Named>();
  private readonly byDigits = new Map<string, Named>();
  /** The invoices with a digits key, oldest first, and those keys at the same positions. */
  private readonly withDigits: WorkingInvoice[] = [];
  private readonly digitsOf: string[] = [];

  constructor(readonly invoices: readonly WorkingInvoice[]) {
    for (const invoice of invoices) {
      const keys = invoiceNumberKeys(invoice.invoiceNumber);
      add(this.byExact, keys.exact, invoice);
      if (keys.digits !== null) {
        add(this.byDigits, keys.digits, invoice);
        this.withDigits.push(invoice);
        this.digitsOf.push(keys.digits);
      }
    }
  }

  /**
   * Invoices the reference names exactly (after normalising), else fuzzy candidates best
   * first. Several exact hits mean the reference is ambiguous (e.g. '1234' in two series).
   */
  find(reference: ReadReference): ReferenceCandidate[] {
    const exact =
      this.byExact.get(reference.exact) ??
      (reference.digits === null ? undefined : this.byDigits.get(reference.digits));
    if (exact !== undefined) {
      return listOf(exact).map((invoice) => ({
        invoice,
        editKind: 'exact',
        distance: 0,
        similarity: 1,
      }));
    }
    return this.fuzzy(reference);
  }

  /**
   * Invoices whose number is one slip away from the reference (excluding exact hits): the
   * rivals of an exact match whose amount does not fit, since a transposed number can name
   * another real invoice.
   */
  near(reference: ReadReference): ReferenceCandidate[] {
    return this.fuzzy(reference).filter(
      (candidate) => candidate.distance > 0 || candidate.editKind === 'ocr',
    );
  }

  private fuzzy(reference: ReadReference): ReferenceCandidate[] {
    const candidates: ReferenceCandidate[] = [];
    if (reference.ocrDigits !== null) {
      const named = this.byDigits.get(reference.ocrDigits);
      for (const invoice of named === undefined ? [] : listOf(named)) {
        candidates.push({ invoice, editKind: 'ocr', distance: 0, similarity: SIMILARITY.ocr[0] });
      }
      if (candidates.length > 0) return candidates;
    }
    const query = reference.digits ?? reference.ocrDigits;
    if (query === null || query.length < MIN_FUZZY_DIGITS) return candidates;
    const max = query.length <= 5 ? 1 : 2;
    for (let position = 0; position < this.withDigits.length; position += 1) {
      const digits = this.digitsOf[position];
      const invoice = this.withDigits[position];
      const distance = boundedEditDistance(query, digits, max);
      if (distance > max || distance === 0) continue;
      const transposed = distance === 1 && isSingleTransposition(query, digits);
      candidates.push({
        invoice,
        editKind: transposed ? 'transposition' : 'edit',
        distance,
        similarity: transposed ? SIMILARITY.transposition[0] : SIMILARITY.edit[distance],
      });
    }
    // Long numbers of one sequence sit within two edits of many others: keep the closest.
    return candidates
      .sort((a, b) => b.similarity - a.similarity || a.invoice.age - b.invoice.age)
      .slice(0, MAX_FUZZY_CANDIDATES);
  }
}

function add(map: Map<string, Named>, key: string, invoice: WorkingInvoice): void {
  const named = map.get(key);
  if (named === undefined) map.set(key, invoice);
  else if (Array.isArray(named)) named.push(invoice);
  else map.set(key, [named, invoice]);
}

function listOf(named: Named): readonly WorkingInvoice[] {
  return Array.isArray(named) ? named : [named];
}
