/** Stable error codes of the HTTP edge; clients may rely on them. */
export enum ApiErrorCode {
  VALIDATION_FAILED = 'REQUEST.VALIDATION_FAILED',
  MALFORMED_BODY = 'REQUEST.MALFORMED_BODY',
  BODY_TOO_LARGE = 'REQUEST.BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  INVALID_CURSOR = 'REQUEST.INVALID_CURSOR',
  NOT_FOUND = 'RESOURCE.NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE.NOT_FOUND',
  METHOD_NOT_ALLOWED = 'ROUTE.METHOD_NOT_ALLOWED',
  CONFLICT = 'RESOURCE.CONFLICT',
  ALREADY_EXISTS = 'RESOURCE.ALREADY_EXISTS',
  REFERENCE_NOT_FOUND = 'RESOURCE.REFERENCE_NOT_FOUND',
  PRECONDITION_REQUIRED = 'CONCURRENCY.PRECONDITION_REQUIRED',
  PRECONDITION_FAILED = 'CONCURRENCY.PRECONDITION_FAILED',
  BUSINESS_RULE_VIOLATED = 'BUSINESS.RULE_VIOLATED',
  INSUFFICIENT_STOCK = 'INVENTORY.INSUFFICIENT_STOCK',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY.KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY.IN_PROGRESS',
  UNAUTHENTICATED = 'AUTH.UNAUTHENTICATED',
  FORBIDDEN = 'AUTH.FORBIDDEN',
  RATE_LIMITED = 'RATE.LIMITED',
  API_RETIRED = 'API.RETIRED',
  SERVICE_UNAVAILABLE = 'SERVICE.UNAVAILABLE',
  INTERNAL = 'SERVICE.INTERNAL_ERROR',
}

export interface ErrorCodeMapping {
  status: number;
  title: string;
}

/** The one place codes become HTTP statuses; a new code that is not mapped does not compile. */
export function mapApiErrorCode(code: ApiErrorCode): ErrorCodeMapping {
  switch (code) {
    case ApiErrorCode.VALIDATION_FAILED:
      return { status: 400, title: 'The request is not valid' };
    case ApiErrorCode.MALFORMED_BODY:
      return { status: 400, title: 'The request body is not well-formed' };
    case ApiErrorCode.INVALID_CURSOR:
      return { status: 400, title: 'The page cursor is not valid' };
    case ApiErrorCode.BODY_TOO_LARGE:
      return { status: 413, title: 'The request body is too large' };
    case ApiErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return { status: 415, title: 'The media type is not supported' };
    case ApiErrorCode.NOT_FOUND:
      return { status: 404, title: 'The resource does not exist' };
    case ApiErrorCode.ROUTE_NOT_FOUND:
      return { status: 404, title: 'No such route' };
    case ApiErrorCode.METHOD_NOT_ALLOWED:
      return { status: 405, title: 'Method not allowed' };
    case ApiErrorCode.CONFLICT:
      return { status: 409, title: 'The request conflicts with the current state' };
    case ApiErrorCode.ALREADY_EXISTS:
      return { status: 409, title: 'The resource already exists' };
    case ApiErrorCode.REFERENCE_NOT_FOUND:
      return { status: 422, title: 'A referenced resource does not exist' };
    case ApiErrorCode.PRECONDITION_REQUIRED:
      return { status: 428, title: 'If-Match is required' };
    case ApiErrorCode.PRECONDITION_FAILED:
      return { status: 412, title: 'The resource has changed' };
    case ApiErrorCode.BUSINESS_RULE_VIOLATED:
      return { status: 422, title: 'A business rule rejected the request' };
    case ApiErrorCode.INSUFFICIENT_STOCK:
      return { status: 409, title: 'Not enough stock' };
    case ApiErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, title: 'The Idempotency-Key was used for another request' };
    case ApiErrorCode.IDEMPOTENCY_IN_PROGRESS:
      return { status: 409, title: 'A request with this Idempotency-Key is in progress' };
    case ApiErrorCode.UNAUTHENTICATED:
      return { status: 401, title: 'Authentication required' };
    case ApiErrorCode.FORBIDDEN:
      return { status: 403, title: 'Not allowed' };
    case ApiErrorCode.RATE_LIMITED:
      return { status: 429, title: 'Too many requests' };
    case ApiErrorCode.API_RETIRED:
      return { status: 410, title: 'This API version is retired' };
    case ApiErrorCode.SERVICE_UNAVAILABLE:
      return { status: 503, title: 'Service unavailable' };
    case ApiErrorCode.INTERNAL:
      return { status: 500, title: 'Internal error' };
  }
}
