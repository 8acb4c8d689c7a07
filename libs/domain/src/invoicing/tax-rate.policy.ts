import { Decimal, toDecimal } from '../decimal/decimal';
import { tryParseDecimalString } from '../decimal/decimal-string.parser';
import { compareDates, isCalendarDate } from '../dates/calendar-date';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** The region a rate applies to everywhere no region-specific rate is valid. */
export const ANY_REGION = '*';

/** Region codes as on ship-tos ('US-WEST'), or ANY_REGION. */
const REGION = /^(?:\*|[A-Z0-9][A-Z0-9-]{0,31})$/;
const MAX_PERCENT_DECIMALS = 4;

/** One stored tax rate: `ratePercent` on invoices issued from `validFrom` to `validTo` (inclusive). */
export interface TaxRateRule {
  readonly id: string;
  readonly region: string;
  readonly ratePercent: Decimal;
  readonly validFrom: string;
  /** Null: open-ended. */
  readonly validTo: string | null;
}

export interface AppliedTaxRate {
  readonly ratePercent: Decimal;
  /** The rule applied, or null when no rule matched (zero tax). */
  readonly ruleId: string | null;
  /** The region of the rule applied: the ship-to's, ANY_REGION, or null. */
  readonly region: string | null;
}

/**
 * THE TAX RULE. Tax on an invoice line = its net x the rate of the ship-to's sales region valid
 * on the invoice date. Of several rules valid that day, the latest `validFrom` wins. Without a
 * region-specific rule (or without a region on the ship-to) the ANY_REGION ('*') rule valid that
 * day applies; without that either, the rate is zero and the invoice records that no rule
 * matched. Freight is not taxed.
 */
export function applicableTaxRate(
  rules: readonly TaxRateRule[],
  region: string | null,
  invoiceDate: string,
): AppliedTaxRate {
  const regional = region === null ? undefined : newestValid(rules, region, invoiceDate);
  const chosen = regional ?? newestValid(rules, ANY_REGION, invoiceDate);
  if (chosen === undefined)
    return Object.freeze({ ratePercent: new Decimal(0), ruleId: null, region: null });
  return Object.freeze({
    ratePercent: toDecimal(chosen.ratePercent),
    ruleId: chosen.id,
    region: chosen.region,
  });
}

function newestValid(
  rules: readonly TaxRateRule[],
  region: string,
  onDate: string,
): TaxRateRule | undefined {
  return rules
    .filter((rule) => rule.region === region)
    .filter((rule) => compareDates(rule.validFrom, onDate) <= 0)
    .filter((rule) => rule.validTo === null || compareDates(onDate, rule.validTo) <= 0)
    .reduce<TaxRateRule | undefined>(
      (best, rule) => (best === undefined || rule.validFrom > best.validFrom ? rule : best),
      undefined,
    );
}

/** A tax rate as sent to the API, before validation. */
export interface TaxRateDraft {
  readonly region: unknown;
  readonly ratePercent: unknown;
  readonly validFrom: unknown;
  readonly validTo?: unknown;
}

export interface ValidTaxRate {
  readonly region: string;
  readonly ratePercent: Decimal;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/**
 * Checks a tax rate before it is stored, naming the offending field with TAX.INVALID_RATE: a
 * region code (upper case, digits and dashes, or '*'), a percent from 0 to below 100 with at
 * most 4 decimals, and a validity whose end is not before its start.
 */
export function validateTaxRate(draft: TaxRateDraft): ValidTaxRate {
  if (typeof draft.region !== 'string' || !REGION.test(draft.region)) {
    throw invalid('region', "must be a region code such as 'US-WEST', or '*' for any region");
  }
  const percent = tryParseDecimalString(draft.ratePercent);
  if (percent === undefined || percent.isNeg() || percent.gte(100)) {
    throw invalid('ratePercent', 'must be a percent from 0 to below 100, e.g. "7.25"');
  }
  if (percent.decimalPlaces() > MAX_PERCENT_DECIMALS) {
    throw invalid('ratePercent', `allows at most ${MAX_PERCENT_DECIMALS} decimals`);
  }
  if (!isCalendarDate(draft.validFrom)) throw invalid('validFrom', 'must be a date YYYY-MM-DD');
  const validTo = draft.validTo ?? null;
  if (validTo !== null && !isCalendarDate(validTo)) {
    throw invalid('validTo', 'must be a date YYYY-MM-DD or null');
  }
  if (validTo !== null && compareDates(validTo, draft.validFrom) < 0) {
    throw invalid('validTo', 'must not be before validFrom');
  }
  return Object.freeze({
    region: draft.region,
    ratePercent: percent,
    validFrom: draft.validFrom,
    validTo,
  });
}

function invalid(field: string, rule: string): DomainError {
  return new DomainError(DomainErrorCode.TAX_INVALID_RATE, `${field} ${rule}`, field);
}
