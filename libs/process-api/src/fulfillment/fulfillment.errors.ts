import { type FieldError, ProblemException } from '@o2c/http';

/** Stable codes of shipment events and shipments; clients may rely on them (problem `code`). */
export enum FulfillmentErrorCode {
  FIELD_REQUIRED = 'SHIPMENT.FIELD_REQUIRED',
  FIELD_NOT_ALLOWED = 'SHIPMENT.FIELD_NOT_ALLOWED',
  SERIALS_MISMATCH = 'SHIPMENT.SERIAL_COUNT_MISMATCH',
  OCCURRED_IN_FUTURE = 'SHIPMENT.OCCURRED_IN_FUTURE',
  NOT_YOUR_CARRIER = 'SHIPMENT.NOT_YOUR_CARRIER',
  EVENT_ID_REUSED = 'SHIPMENT.EVENT_ID_REUSED',
  ALREADY_SHIPPED = 'SHIPMENT.ALREADY_SHIPPED',
  OTHER_ORDER = 'SHIPMENT.OTHER_ORDER',
  NOT_SHIPPED = 'SHIPMENT.NOT_SHIPPED',
  WAREHOUSE_NOT_FOUND = 'SHIPMENT.WAREHOUSE_NOT_FOUND',
  ORDER_NOT_FOUND = 'SHIPMENT.ORDER_NOT_FOUND',
  LINE_NOT_FOUND = 'SHIPMENT.LINE_NOT_FOUND',
  LINE_CANCELLED = 'SHIPMENT.LINE_CANCELLED',
  ORDER_NOT_SHIPPABLE = 'SHIPMENT.ORDER_NOT_SHIPPABLE',
  OVER_SHIPMENT = 'SHIPMENT.OVER_SHIPMENT',
  STOCK_SHORT = 'SHIPMENT.STOCK_SHORT',
  UNIT_NOT_CONVERTIBLE = 'SHIPMENT.UNIT_NOT_CONVERTIBLE',
  FREIGHT_CURRENCY = 'SHIPMENT.FREIGHT_CURRENCY',
}

interface Mapping {
  status: 400 | 403 | 404 | 409 | 422;
  title: string;
}

/** The one place fulfilment codes become HTTP statuses; an unmapped code does not compile. */
export function mapFulfillmentError(code: FulfillmentErrorCode): Mapping {
  switch (code) {
    case FulfillmentErrorCode.FIELD_REQUIRED:
    case FulfillmentErrorCode.FIELD_NOT_ALLOWED:
    case FulfillmentErrorCode.SERIALS_MISMATCH:
    case FulfillmentErrorCode.OCCURRED_IN_FUTURE:
      return { status: 400, title: 'The event is not valid' };
    case FulfillmentErrorCode.NOT_YOUR_CARRIER:
      return { status: 403, title: 'A carrier reports for its own shipments only' };
    case FulfillmentErrorCode.EVENT_ID_REUSED:
    case FulfillmentErrorCode.ALREADY_SHIPPED:
    case FulfillmentErrorCode.OTHER_ORDER:
    case FulfillmentErrorCode.NOT_SHIPPED:
      return { status: 409, title: 'The event conflicts with what was received before' };
    case FulfillmentErrorCode.WAREHOUSE_NOT_FOUND:
    case FulfillmentErrorCode.ORDER_NOT_FOUND:
    case FulfillmentErrorCode.LINE_NOT_FOUND:
    case FulfillmentErrorCode.LINE_CANCELLED:
    case FulfillmentErrorCode.ORDER_NOT_SHIPPABLE:
    case FulfillmentErrorCode.OVER_SHIPMENT:
    case FulfillmentErrorCode.STOCK_SHORT:
    case FulfillmentErrorCode.UNIT_NOT_CONVERTIBLE:
    case FulfillmentErrorCode.FREIGHT_CURRENCY:
      return { status: 422, title: 'The event cannot be applied' };
  }
}

/** A refusal naming the offending field (`/body/lines/2/quantity`) and the rule it broke. */
export function fulfillmentProblem(
  code: FulfillmentErrorCode,
  path: string,
  message: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  const error: FieldError = { path, rule: code, message };
  return new ProblemException(code, message, [error], {
    ...mapFulfillmentError(code),
    extensions,
  });
}
