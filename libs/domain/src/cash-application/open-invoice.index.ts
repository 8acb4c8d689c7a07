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

/** The customer's open invoices by the keys payers' references are looked up with. */
export class OpenInvoiceIndex {
  private readonly byExact = new Map<string, WorkingInvoice[]>();
  private readonly byDigits = new Map<string, WorkingInvoice[]>();
  private readonly withDigits: { readonly digits: string; readonly invoice: WorkingInvoice }[] = [];

  constructor(readonly invoices: readonly WorkingInvoice[]) {
    for (const invoice of invoices) {
      const keys = invoiceNumberKeys(invoice.invoiceNumber);
      push(this.byExact, keys.exact, invoice);
      if (keys.digits !== null) {
        push(this.byDigits, keys.digits, invoice);
        this.withDigits.push({ digits: keys.digits, invoice });
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
      return exact.map((invoice) => ({ invoice, editKind: 'exact', distance: 0, similarity: 1 }));
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
      for (const invoice of this.byDigits.get(reference.ocrDigits) ?? []) {
        candidates.push({ invoice, editKind: 'ocr', distance: 0, similarity: SIMILARITY.ocr[0] });
      }
      if (candidates.length > 0) return candidates;
    }
    const query = reference.digits ?? reference.ocrDigits;
    if (query === null || query.length < MIN_FUZZY_DIGITS) return candidates;
    const max = query.length <= 5 ? 1 : 2;
    for (const { digits, invoice } of this.withDigits) {
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
