import { compareDates, type Decimal, parseCalendarDate, parseQuantity } from '@o2c/domain';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { PriceAgreement } from '@o2c/persistence';
import { parsePriceAmount } from './money-input.parser';
import type { PriceBreakBody } from './price-agreement.contract';

export interface ValidPriceBreak {
  minQuantity: string;
  unitPrice: string;
}

/**
 * validTo (inclusive, null = open-ended) may not precede validFrom. The field named is the
 * one that was sent, so a PATCH of one date points at that date.
 */
export function assertValidPeriod(
  validFrom: string,
  validTo: string | null,
  blame: 'validFrom' | 'validTo',
): void {
  parseCalendarDate(validFrom, '/body/validFrom');
  if (validTo === null) return;
  parseCalendarDate(validTo, '/body/validTo');
  if (compareDates(validTo, validFrom) < 0) {
    throw blame === 'validTo'
      ? ProblemException.invalid(
          '/body/validTo',
          'on-or-after-valid-from',
          `validTo ${validTo} is before validFrom ${validFrom}`,
        )
      : ProblemException.invalid(
          '/body/validFrom',
          'on-or-before-valid-to',
          `validFrom ${validFrom} is after validTo ${validTo}`,
        );
  }
}

/**
 * Quantity breaks: minimum quantities in the item's base unit, strictly ascending (so each
 * appears once), prices in the agreement's currency.
 */
export function validPriceBreaks(
  breaks: PriceBreakBody[],
  currency: string,
  baseUom: string,
): ValidPriceBreak[] {
  let previous: Decimal | undefined;
  const seen = new Set<string>();
  return breaks.map((priceBreak, index) => {
    const path = `/body/breaks/${index}`;
    const minQuantity = parseQuantity(priceBreak.minQuantity, baseUom, `${path}/minQuantity`);
    if (seen.has(minQuantity.toFixed())) {
      throw ProblemException.invalid(
        `${path}/minQuantity`,
        'unique',
        `a break from ${priceBreak.minQuantity} is listed twice`,
      );
    }
    if (previous?.greaterThan(minQuantity)) {
      throw ProblemException.invalid(
        `${path}/minQuantity`,
        'ascending',
        'breaks must be listed by ascending minQuantity',
      );
    }
    previous = minQuantity;
    seen.add(minQuantity.toFixed());
    return {
      minQuantity: minQuantity.toFixed(),
      unitPrice: parsePriceAmount(priceBreak.unitPrice, currency, `${path}/unitPrice`, 'agreement'),
    };
  });
}

export function unknownReference(field: 'customerId' | 'itemId', id: string): ProblemException {
  const what = field === 'customerId' ? 'customer' : 'item';
  const message = `${what} ${id} does not exist`;
  return new ProblemException(ApiErrorCode.REFERENCE_NOT_FOUND, message, [
    { path: `/body/${field}`, rule: 'exists', message },
  ]);
}

export function overlappingAgreement(existing: PriceAgreement): ProblemException {
  const until = existing.validTo ?? 'open-ended';
  const message = `the period overlaps price agreement ${existing.id} (${existing.validFrom} to ${until}) of this customer and item`;
  return new ProblemException(
    ApiErrorCode.CONFLICT,
    message,
    [{ path: '/body/validFrom', rule: 'no-overlap', message }],
    { extensions: { conflictingAgreementId: existing.id } },
  );
}
