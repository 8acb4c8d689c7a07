import { type DomainError, DomainErrorCode } from '@o2c/domain';
import { type FieldError, ProblemException } from '@o2c/http';

/** Stable codes of invoicing and crediting; clients may rely on them (problem+json `code`). */
export enum BillingErrorCode {
  SHIPMENT_NOT_FOUND = 'INVOICE.SHIPMENT_NOT_FOUND',
  SHIPMENT_NOT_SHIPPED = 'INVOICE.SHIPMENT_NOT_SHIPPED',
  ALREADY_INVOICED = 'INVOICE.ALREADY_ISSUED',
  NOT_BILLABLE = 'INVOICE.NOT_BILLABLE',
  INVALID_CREDIT_LINE = 'CREDIT_MEMO.INVALID_LINE',
  UNKNOWN_INVOICE_LINE = 'CREDIT_MEMO.UNKNOWN_INVOICE_LINE',
  QUANTITY_EXCEEDS_CREDITABLE = 'CREDIT_MEMO.QUANTITY_EXCEEDS_CREDITABLE',
  AMOUNT_EXCEEDS_CREDITABLE = 'CREDIT_MEMO.AMOUNT_EXCEEDS_CREDITABLE',
  NOTHING_CREDITABLE = 'CREDIT_MEMO.NOTHING_CREDITABLE',
  EXCEEDS_OPEN_BALANCE = 'CREDIT_MEMO.EXCEEDS_OPEN_BALANCE',
  INVOICE_NOT_CREDITABLE = 'CREDIT_MEMO.INVOICE_NOT_CREDITABLE',
  INVALID_TAX_RATE = 'TAX.INVALID_RATE',
}

interface Mapping {
  status: 400 | 409 | 422;
  title: string;
}

/** The one place billing codes become HTTP statuses; an unmapped code does not compile. */
export function mapBillingError(code: BillingErrorCode): Mapping {
  switch (code) {
    case BillingErrorCode.INVALID_CREDIT_LINE:
    case BillingErrorCode.INVALID_TAX_RATE:
      return { status: 400, title: 'The request is not valid' };
    case BillingErrorCode.SHIPMENT_NOT_FOUND:
    case BillingErrorCode.NOT_BILLABLE:
      return { status: 422, title: 'The shipment cannot be invoiced' };
    case BillingErrorCode.UNKNOWN_INVOICE_LINE:
    case BillingErrorCode.QUANTITY_EXCEEDS_CREDITABLE:
    case BillingErrorCode.AMOUNT_EXCEEDS_CREDITABLE:
    case BillingErrorCode.NOTHING_CREDITABLE:
    case BillingErrorCode.EXCEEDS_OPEN_BALANCE:
      return { status: 422, title: 'More than is still creditable' };
    case BillingErrorCode.SHIPMENT_NOT_SHIPPED:
    case BillingErrorCode.ALREADY_INVOICED:
      return { status: 409, title: 'The shipment is not in a state to invoice' };
    case BillingErrorCode.INVOICE_NOT_CREDITABLE:
      return { status: 409, title: 'The invoice cannot be credited in its state' };
  }
}

export function billingProblem(
  code: BillingErrorCode,
  detail: string,
  errors: FieldError[] = [],
  extensions: Record<string, unknown> = {},
): ProblemException {
  return new ProblemException(code, detail, errors, { ...mapBillingError(code), extensions });
}

/** A field-level refusal: the path (`/body/lines/0/quantity`) and the rule it broke. */
export function billingFieldProblem(
  code: BillingErrorCode,
  path: string,
  message: string,
  rule: string = code,
): ProblemException {
  return billingProblem(code, message, [{ path, rule, message }]);
}

/** The crediting rules of the domain, as the API's codes. */
const CREDITING_CODES: ReadonlyMap<string, BillingErrorCode> = new Map([
  [DomainErrorCode.CREDITING_QUANTITY_EXCEEDED, BillingErrorCode.QUANTITY_EXCEEDS_CREDITABLE],
  [DomainErrorCode.CREDITING_AMOUNT_EXCEEDED, BillingErrorCode.AMOUNT_EXCEEDS_CREDITABLE],
  [DomainErrorCode.CREDITING_NOTHING_LEFT, BillingErrorCode.NOTHING_CREDITABLE],
  [DomainErrorCode.CREDITING_EXCEEDS_OPEN_BALANCE, BillingErrorCode.EXCEEDS_OPEN_BALANCE],
]);

/** A domain refusal while crediting, as problem+json: a crediting rule keeps its API code; any
 *  other (a malformed line, too many decimals) is a 400 naming the domain rule. `toPath` turns
 *  `lines[0].quantity` into the request path. */
export function creditingProblem(
  error: DomainError,
  toPath: (field: string | undefined) => string,
): ProblemException {
  const path = toPath(error.field);
  const code = CREDITING_CODES.get(error.code);
  if (code !== undefined) return billingFieldProblem(code, path, error.message);
  return billingFieldProblem(BillingErrorCode.INVALID_CREDIT_LINE, path, error.message, error.code);
}
