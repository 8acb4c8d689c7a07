import { ApiErrorCode, type FieldError, ProblemException } from '@o2c/http';
import { type RemittanceFileError, RemittanceFileErrorCode } from '@o2c/integration';

/** Stable codes of payments and cash application; clients may rely on them. */
export enum CashErrorCode {
  AMOUNT_NOT_POSITIVE = 'CASH.AMOUNT_NOT_POSITIVE',
  NEGATIVE_AMOUNT = 'CASH.NEGATIVE_AMOUNT',
  DUPLICATE_LINE_NUMBER = 'CASH.DUPLICATE_LINE_NUMBER',
  NOTHING_TO_SETTLE = 'CASH.NOTHING_TO_SETTLE',
  INVOICE_NOT_FOUND = 'CASH.INVOICE_NOT_FOUND',
  INVOICE_OF_ANOTHER_CUSTOMER = 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
  CURRENCY_MISMATCH = 'CASH.CURRENCY_MISMATCH',
  INVOICE_NOT_OPEN = 'CASH.INVOICE_NOT_OPEN',
  INVOICE_BALANCE_EXCEEDED = 'CASH.INVOICE_BALANCE_EXCEEDED',
  PAYMENT_BALANCE_EXCEEDED = 'CASH.PAYMENT_BALANCE_EXCEEDED',
  PAYMENT_REVERSED = 'CASH.PAYMENT_REVERSED',
  PAYER_UNIDENTIFIED = 'CASH.PAYER_UNIDENTIFIED',
  PAYER_ALREADY_IDENTIFIED = 'CASH.PAYER_ALREADY_IDENTIFIED',
  CUSTOMER_NOT_FOUND = 'CASH.CUSTOMER_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'CASH.APPLICATION_NOT_FOUND',
  ALREADY_REVERSED = 'CASH.ALREADY_REVERSED',
  NOT_A_CASH_TASK = 'CASH.NOT_A_CASH_TASK',
  SUGGESTION_NOT_FOUND = 'CASH.SUGGESTION_NOT_FOUND',
  WRITE_OFF_AUTHORITY = 'CASH.WRITE_OFF_AUTHORITY',
  FILE_DUPLICATE = 'REMITTANCE_FILE.DUPLICATE',
  FILE_NOT_PARKED = 'REMITTANCE_FILE.NOT_PARKED',
}

/** The one place these codes become HTTP statuses; an unmapped code does not compile. */
function statusOf(code: CashErrorCode): number {
  switch (code) {
    case CashErrorCode.AMOUNT_NOT_POSITIVE:
    case CashErrorCode.NEGATIVE_AMOUNT:
    case CashErrorCode.DUPLICATE_LINE_NUMBER:
    case CashErrorCode.NOTHING_TO_SETTLE:
      return 400;
    case CashErrorCode.WRITE_OFF_AUTHORITY:
      return 403;
    case CashErrorCode.INVOICE_NOT_FOUND:
    case CashErrorCode.INVOICE_OF_ANOTHER_CUSTOMER:
    case CashErrorCode.CURRENCY_MISMATCH:
    case CashErrorCode.CUSTOMER_NOT_FOUND:
    case CashErrorCode.APPLICATION_NOT_FOUND:
    case CashErrorCode.NOT_A_CASH_TASK:
    case CashErrorCode.SUGGESTION_NOT_FOUND:
      return 422;
    case CashErrorCode.INVOICE_NOT_OPEN:
    case CashErrorCode.INVOICE_BALANCE_EXCEEDED:
    case CashErrorCode.PAYMENT_BALANCE_EXCEEDED:
    case CashErrorCode.PAYMENT_REVERSED:
    case CashErrorCode.PAYER_UNIDENTIFIED:
    case CashErrorCode.PAYER_ALREADY_IDENTIFIED:
    case CashErrorCode.ALREADY_REVERSED:
    case CashErrorCode.FILE_DUPLICATE:
    case CashErrorCode.FILE_NOT_PARKED:
      return 409;
  }
}

function titleOf(status: number): string {
  switch (status) {
    case 400:
      return 'The request is not valid';
    case 403:
      return 'The amount is beyond your write-off authority';
    case 409:
      return 'The request conflicts with the current state';
    default:
      return 'A business rule rejected the request';
  }
}

/** A coded problem naming the field (a JSON pointer into the request) and the rule. */
export function cashProblem(
  code: CashErrorCode,
  path: string,
  message: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  const status = statusOf(code);
  return new ProblemException(code, message, [{ path, rule: code, message }], {
    status,
    title: titleOf(status),
    extensions,
  });
}

/** Raised inside a transaction when a guarded write found less than it needed: rolls it back. */
export class GuardedWriteRefused extends Error {
  constructor(readonly problem: ProblemException) {
    super(problem.message);
    this.name = 'GuardedWriteRefused';
  }
}

/** How a rejected remittance file is answered: 413 when too large, 422 for everything else. */
function fileStatusOf(code: RemittanceFileErrorCode): number {
  switch (code) {
    case RemittanceFileErrorCode.TOO_LARGE:
      return 413;
    case RemittanceFileErrorCode.UNRECOGNISED_FORMAT:
    case RemittanceFileErrorCode.UNSUPPORTED_VERSION:
    case RemittanceFileErrorCode.MALFORMED:
    case RemittanceFileErrorCode.MISSING_ELEMENT:
    case RemittanceFileErrorCode.STRUCTURE:
    case RemittanceFileErrorCode.INVALID_VALUE:
    case RemittanceFileErrorCode.UNKNOWN_CURRENCY:
    case RemittanceFileErrorCode.TOO_MANY_DECIMALS:
    case RemittanceFileErrorCode.NEGATIVE_AMOUNT:
    case RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH:
    case RemittanceFileErrorCode.COUNT_MISMATCH:
    case RemittanceFileErrorCode.CONTROL_NUMBER_MISMATCH:
      return 422;
  }
}

/** The parser's error as problem+json: the place in the file as `errors[0].path` and `location`. */
export function remittanceFileProblem(error: RemittanceFileError): ProblemException {
  const status = fileStatusOf(error.code);
  const field: FieldError = {
    path: error.pointer === '' ? '/body' : error.pointer,
    rule: error.code,
    message: error.message,
  };
  return new ProblemException(error.code, error.message, [field], {
    status,
    title:
      status === 413 ? 'The request body is too large' : 'The remittance file cannot be imported',
    extensions: { location: { ...error.location } },
  });
}

export function ifMatchOrIdempotencyRequired(): ProblemException {
  return new ProblemException(
    ApiErrorCode.PRECONDITION_REQUIRED,
    "Send If-Match with the payment's ETag, or an Idempotency-Key",
    [
      {
        path: '/headers/if-match',
        rule: 'required',
        message: 'If-Match or Idempotency-Key is required',
      },
    ],
  );
}
