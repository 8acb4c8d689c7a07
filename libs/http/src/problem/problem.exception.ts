import { ApiErrorCode, mapApiErrorCode } from './api-error-code';

/** One field-level finding: `path` is a JSON pointer-like path into the request
 *  (`/body/lines/0/quantity`, `/query/limit`, `/headers/if-match`). */
export interface FieldError {
  path: string;
  rule: string;
  message: string;
}

/** RFC 9457 problem details, with our stable `code` and field `errors`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://o2c-gateway.dev/problems/';

export class ProblemException extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ApiErrorCode | string,
    detail: string,
    readonly errors: FieldError[] = [],
    options: {
      status?: number;
      title?: string;
      extensions?: Record<string, unknown>;
      /** Response headers that belong to this answer (WWW-Authenticate, Retry-After...). */
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
    const mapped = isApiErrorCode(code) ? mapApiErrorCode(code) : undefined;
    this.status = options.status ?? mapped?.status ?? 400;
    this.title = options.title ?? mapped?.title ?? 'The request was rejected';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  toDocument(instance?: string, requestId?: string): ProblemDocument {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code.toLowerCase().replace(/[._]/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      code: this.code,
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
      ...this.extensions,
    };
  }

  static notFound(what: string, id: string): ProblemException {
    return new ProblemException(ApiErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
  }

  static invalid(path: string, rule: string, message: string): ProblemException {
    return new ProblemException(ApiErrorCode.VALIDATION_FAILED, message, [{ path, rule, message }]);
  }
}

function isApiErrorCode(code: string): code is ApiErrorCode {
  return (Object.values(ApiErrorCode) as string[]).includes(code);
}
