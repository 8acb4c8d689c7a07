/**
 * Stable, machine-readable codes for broken business rules. The values are part of the public
 * API contract (they travel as `code` in problem+json), so never rename one: add a new code and
 * retire the old one instead. The HTTP layer maps every member in one exhaustive switch.
 */
export enum DomainErrorCode {
  DECIMAL_INVALID = 'DECIMAL.INVALID',

  MONEY_INVALID_AMOUNT = 'MONEY.INVALID_AMOUNT',
  MONEY_UNKNOWN_CURRENCY = 'MONEY.UNKNOWN_CURRENCY',
  MONEY_TOO_MANY_DECIMALS = 'MONEY.TOO_MANY_DECIMALS',
  MONEY_CURRENCY_MISMATCH = 'MONEY.CURRENCY_MISMATCH',
  MONEY_NEGATIVE_AMOUNT = 'MONEY.NEGATIVE_AMOUNT',
  MONEY_INVALID_ALLOCATION = 'MONEY.INVALID_ALLOCATION',

  QUANTITY_INVALID = 'QUANTITY.INVALID',
  QUANTITY_NOT_POSITIVE = 'QUANTITY.NOT_POSITIVE',
  QUANTITY_NEGATIVE = 'QUANTITY.NEGATIVE',
  QUANTITY_TOO_MANY_DECIMALS = 'QUANTITY.TOO_MANY_DECIMALS',

  UOM_UNKNOWN = 'UOM.UNKNOWN',
  UOM_NOT_CONVERTIBLE = 'UOM.NOT_CONVERTIBLE',
  UOM_FRACTION_NOT_ALLOWED = 'UOM.FRACTION_NOT_ALLOWED',
  UOM_INVALID_CONVERSION = 'UOM.INVALID_CONVERSION',

  ORDER_INVALID_DISCOUNT = 'ORDER.INVALID_DISCOUNT',
  ORDER_INVALID_TAX_RATE = 'ORDER.INVALID_TAX_RATE',
  ORDER_INVALID_TRANSITION = 'ORDER.INVALID_TRANSITION',

  PRICE_INVALID_TOLERANCE = 'PRICE.INVALID_TOLERANCE',
  PRICE_INVALID_MARGIN_FLOOR = 'PRICE.INVALID_MARGIN_FLOOR',

  CREDIT_INVALID_INPUT = 'CREDIT.INVALID_INPUT',

  ALLOCATION_INVALID_INPUT = 'ALLOCATION.INVALID_INPUT',

  ROUTING_INVALID_RULE = 'ROUTING.INVALID_RULE',

  TERMS_INVALID = 'TERMS.INVALID',

  DATE_INVALID = 'DATE.INVALID',
  TIME_INVALID = 'TIME.INVALID',
  CASH_INVALID_INPUT = 'CASH.INVALID_INPUT',
  COLLECTIONS_INVALID_INPUT = 'COLLECTIONS.INVALID_INPUT',

  DISPUTE_INVALID_INPUT = 'DISPUTE.INVALID_INPUT',
  DISPUTE_INVALID_TRANSITION = 'DISPUTE.INVALID_TRANSITION',
  DISPUTE_WRITE_OFF_AUTHORITY = 'DISPUTE.WRITE_OFF_AUTHORITY',
}

/**
 * A broken business rule. `field` is the path of the offending input (e.g. `lines[2].quantity`)
 * so the HTTP layer can name it in problem+json `errors[]`; it is absent when no single input
 * is to blame.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly field?: string;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
