import { DomainError } from '@o2c/domain';
import { type FieldError, ProblemException } from '@o2c/http';

/** Stable codes of the dispute process; clients may rely on them (problem+json `code`). */
export enum DisputeErrorCode {
  INVALID_INPUT = 'DISPUTE.INVALID_INPUT',
  INVALID_TRANSITION = 'DISPUTE.INVALID_TRANSITION',
  WRITE_OFF_AUTHORITY = 'DISPUTE.WRITE_OFF_AUTHORITY',
  CUSTOMER_MISMATCH = 'DISPUTE.CUSTOMER_MISMATCH',
  CURRENCY_MISMATCH = 'DISPUTE.CURRENCY_MISMATCH',
  INVOICE_NOT_DISPUTABLE = 'DISPUTE.INVOICE_NOT_DISPUTABLE',
  EXCEEDS_OPEN_BALANCE = 'DISPUTE.EXCEEDS_OPEN_BALANCE',
  UNKNOWN_INVOICE_LINE = 'DISPUTE.UNKNOWN_INVOICE_LINE',
  PAYMENT_NOT_FOUND = 'DISPUTE.PAYMENT_NOT_FOUND',
  CREDIT_MEMO_NOT_FOUND = 'DISPUTE.CREDIT_MEMO_NOT_FOUND',
  CREDIT_MEMO_NOT_FOR_INVOICE = 'DISPUTE.CREDIT_MEMO_NOT_FOR_INVOICE',
  CREDIT_MEMO_VOID = 'DISPUTE.CREDIT_MEMO_VOID',
  CREDIT_MEMO_ALREADY_LINKED = 'DISPUTE.CREDIT_MEMO_ALREADY_LINKED',
  OPEN_BALANCE_TOO_LOW = 'DISPUTE.OPEN_BALANCE_TOO_LOW',
  UNKNOWN_OWNER_ROLE = 'DISPUTE.UNKNOWN_OWNER_ROLE',
}

interface Mapping {
  status: 400 | 403 | 404 | 409 | 422;
  title: string;
}

/** The one place dispute codes become HTTP statuses; an unmapped code does not compile. */
export function mapDisputeError(code: DisputeErrorCode): Mapping {
  switch (code) {
    case DisputeErrorCode.INVALID_INPUT:
    case DisputeErrorCode.UNKNOWN_OWNER_ROLE:
      return { status: 400, title: 'The request is not valid' };
    case DisputeErrorCode.WRITE_OFF_AUTHORITY:
      return { status: 403, title: 'The amount is beyond your write-off authority' };
    case DisputeErrorCode.PAYMENT_NOT_FOUND:
    case DisputeErrorCode.CREDIT_MEMO_NOT_FOUND:
      return { status: 404, title: 'The resource does not exist' };
    case DisputeErrorCode.INVALID_TRANSITION:
    case DisputeErrorCode.INVOICE_NOT_DISPUTABLE:
    case DisputeErrorCode.CREDIT_MEMO_ALREADY_LINKED:
    case DisputeErrorCode.OPEN_BALANCE_TOO_LOW:
      return { status: 409, title: 'The dispute or its invoice does not allow this now' };
    case DisputeErrorCode.CUSTOMER_MISMATCH:
    case DisputeErrorCode.CURRENCY_MISMATCH:
    case DisputeErrorCode.EXCEEDS_OPEN_BALANCE:
    case DisputeErrorCode.UNKNOWN_INVOICE_LINE:
    case DisputeErrorCode.CREDIT_MEMO_NOT_FOR_INVOICE:
    case DisputeErrorCode.CREDIT_MEMO_VOID:
      return { status: 422, title: 'The dispute cannot be accepted as sent' };
  }
}

/** A refusal naming the field to blame (`/body/amount`) and the rule it broke. */
export function disputeProblem(
  code: DisputeErrorCode,
  path: string,
  message: string,
  extensions?: Record<string, unknown>,
): ProblemException {
  const error: FieldError = { path, rule: code, message };
  return new ProblemException(code, message, [error], {
    ...mapDisputeError(code),
    ...(extensions ? { extensions } : {}),
  });
}

const DOMAIN_CODES: Readonly<Record<string, DisputeErrorCode>> = {
  'DISPUTE.INVALID_TRANSITION': DisputeErrorCode.INVALID_TRANSITION,
  'DISPUTE.WRITE_OFF_AUTHORITY': DisputeErrorCode.WRITE_OFF_AUTHORITY,
};

/**
 * A domain refusal as a problem: dispute rules keep their code and status; money and other
 * input rules (MONEY.TOO_MANY_DECIMALS...) are 400 at the field, `fieldPaths` mapping the
 * domain's field names to request paths.
 */
export function problemFromDomain(
  error: DomainError,
  fieldPaths: Readonly<Record<string, string>>,
): ProblemException {
  const path = fieldPaths[error.field ?? ''] ?? `/body/${error.field ?? ''}`;
  const code = DOMAIN_CODES[error.code];
  if (code !== undefined) return disputeProblem(code, path, error.message);
  return ProblemException.invalid(path, error.code, error.message);
}
