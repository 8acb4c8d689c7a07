import { compareDates, parseCalendarDate } from '../dates/calendar-date';
import type { Decimal } from '../decimal/decimal';
import { AMOUNT_INPUT, nonNegativeDecimal, QUANTITY_INPUT } from '../errors/decimal-input.guard';

/** From `minQuantity` (item base units, inclusive) the unit price is `unitPrice`. */
export interface PriceBreak {
  readonly minQuantity: Decimal;
  readonly unitPrice: Decimal;
}

/** A customer's contract price for one item; `validTo` is inclusive, open-ended when null. */
export interface PriceAgreementTerms {
  readonly id: string;
  readonly unitPrice: Decimal;
  /** 'YYYY-MM-DD'. */
  readonly validFrom: string;
  /** 'YYYY-MM-DD' or null. */
  readonly validTo: string | null;
  readonly breaks: readonly PriceBreak[];
}

export interface UnitPriceInput {
  /** Ordered quantity in the item's base unit: breaks are defined in base units. */
  readonly quantity: Decimal;
  /** The pricing date, 'YYYY-MM-DD' (usually the order date). */
  readonly on: string;
  readonly listPrice: Decimal;
  /** The customer's agreements for this item; invalid ones on `on` are ignored. */
  readonly agreements: readonly PriceAgreementTerms[];
}

export type PriceSource = 'contract' | 'list';

export interface ResolvedUnitPrice {
  readonly unitPrice: Decimal;
  readonly source: PriceSource;
  readonly agreementId: string | null;
}

/**
 * The unit price an order line is charged before any requested price is considered: the
 * contract valid on `on` (bounds inclusive; the latest `validFrom` wins when several overlap,
 * the first given on a tie), at its highest break whose `minQuantity <= quantity`, else its
 * base price; the list price when no contract is valid. Every input is checked, not only the
 * winner, so bad agreement data fails the same way whichever date is asked.
 */
export function resolveUnitPrice(input: UnitPriceInput): ResolvedUnitPrice {
  const quantity = nonNegativeDecimal(input.quantity, 'quantity', QUANTITY_INPUT);
  const on = parseCalendarDate(input.on, 'on');
  const listPrice = nonNegativeDecimal(input.listPrice, 'listPrice', AMOUNT_INPUT);
  const agreements = input.agreements.map((agreement, index) =>
    checkedAgreement(agreement, `agreements[${index}]`),
  );

  let chosen: PriceAgreementTerms | undefined;
  for (const agreement of agreements) {
    const valid =
      compareDates(agreement.validFrom, on) <= 0 &&
      (agreement.validTo === null || compareDates(on, agreement.validTo) <= 0);
    if (valid && (chosen === undefined || compareDates(agreement.validFrom, chosen.validFrom) > 0))
      chosen = agreement;
  }
  if (chosen === undefined) return { unitPrice: listPrice, source: 'list', agreementId: null };

  let best: PriceBreak | undefined;
  for (const priceBreak of chosen.breaks) {
    if (
      priceBreak.minQuantity.lessThanOrEqualTo(quantity) &&
      (best === undefined || priceBreak.minQuantity.greaterThan(best.minQuantity))
    )
      best = priceBreak;
  }
  return {
    unitPrice: best?.unitPrice ?? chosen.unitPrice,
    source: 'contract',
    agreementId: chosen.id,
  };
}

function checkedAgreement(agreement: PriceAgreementTerms, path: string): PriceAgreementTerms {
  return {
    id: agreement.id,
    unitPrice: nonNegativeDecimal(agreement.unitPrice, `${path}.unitPrice`, AMOUNT_INPUT),
    validFrom: parseCalendarDate(agreement.validFrom, `${path}.validFrom`),
    validTo:
      agreement.validTo === null ? null : parseCalendarDate(agreement.validTo, `${path}.validTo`),
    breaks: agreement.breaks.map((priceBreak, index) => ({
      minQuantity: nonNegativeDecimal(
        priceBreak.minQuantity,
        `${path}.breaks[${index}].minQuantity`,
        QUANTITY_INPUT,
      ),
      unitPrice: nonNegativeDecimal(
        priceBreak.unitPrice,
        `${path}.breaks[${index}].unitPrice`,
        AMOUNT_INPUT,
      ),
    })),
  };
}
