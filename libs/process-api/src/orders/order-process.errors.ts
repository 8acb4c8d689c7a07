import { type FieldError, ProblemException } from '@o2c/http';
import type { OrderStatus } from '@o2c/persistence';

/** Stable codes of the order process; clients may rely on them (problem+json `code`). */
export enum OrderProcessErrorCode {
  SHIP_TO_REQUIRED = 'ORDER.SHIP_TO_REQUIRED',
  SHIP_TO_CONFLICT = 'ORDER.SHIP_TO_CONFLICT',
  ITEM_REQUIRED = 'ORDER.ITEM_REQUIRED',
  ITEM_NAMED_TWICE = 'ORDER.ITEM_NAMED_TWICE',
  DUPLICATE_ITEM = 'ORDER.DUPLICATE_ITEM',
  CUSTOMER_NOT_FOUND = 'ORDER.CUSTOMER_NOT_FOUND',
  CURRENCY_MISMATCH = 'ORDER.CURRENCY_MISMATCH',
  SHIP_TO_NOT_FOUND = 'ORDER.SHIP_TO_NOT_FOUND',
  UNKNOWN_SKU = 'ORDER.UNKNOWN_SKU',
  UNKNOWN_CUSTOMER_ITEM = 'ORDER.UNKNOWN_CUSTOMER_ITEM',
  ITEM_NOT_SELLABLE = 'ORDER.ITEM_NOT_SELLABLE',
  NO_PRICE_IN_CURRENCY = 'ORDER.NO_PRICE_IN_CURRENCY',
  UNKNOWN_LINE = 'ORDER.UNKNOWN_LINE',
  REPLACED_ORDER_NOT_FOUND = 'ORDER.REPLACED_ORDER_NOT_FOUND',
  DUPLICATE_PO = 'ORDER.DUPLICATE_PO',
  ALREADY_REVISED = 'ORDER.ALREADY_REVISED',
  NOT_REVISABLE = 'ORDER.NOT_REVISABLE',
  NOT_CANCELLABLE = 'ORDER.NOT_CANCELLABLE',
  NOT_CHANGEABLE = 'ORDER.NOT_CHANGEABLE',
}

interface Mapping {
  status: 400 | 409 | 422;
  title: string;
}

/** The one place order-process codes become HTTP statuses; an unmapped code does not compile. */
export function mapOrderProcessError(code: OrderProcessErrorCode): Mapping {
  switch (code) {
    case OrderProcessErrorCode.SHIP_TO_REQUIRED:
    case OrderProcessErrorCode.SHIP_TO_CONFLICT:
    case OrderProcessErrorCode.ITEM_REQUIRED:
    case OrderProcessErrorCode.ITEM_NAMED_TWICE:
    case OrderProcessErrorCode.DUPLICATE_ITEM:
      return { status: 400, title: 'The request is not valid' };
    case OrderProcessErrorCode.CUSTOMER_NOT_FOUND:
    case OrderProcessErrorCode.CURRENCY_MISMATCH:
    case OrderProcessErrorCode.SHIP_TO_NOT_FOUND:
    case OrderProcessErrorCode.UNKNOWN_SKU:
    case OrderProcessErrorCode.UNKNOWN_CUSTOMER_ITEM:
    case OrderProcessErrorCode.ITEM_NOT_SELLABLE:
    case OrderProcessErrorCode.NO_PRICE_IN_CURRENCY:
    case OrderProcessErrorCode.UNKNOWN_LINE:
    case OrderProcessErrorCode.REPLACED_ORDER_NOT_FOUND:
      return { status: 422, title: 'The order cannot be accepted as sent' };
    case OrderProcessErrorCode.DUPLICATE_PO:
    case OrderProcessErrorCode.ALREADY_REVISED:
      return { status: 409, title: 'The PO number is already in use' };
    case OrderProcessErrorCode.NOT_REVISABLE:
    case OrderProcessErrorCode.NOT_CANCELLABLE:
    case OrderProcessErrorCode.NOT_CHANGEABLE:
      return { status: 409, title: 'The order is past the point where this is allowed' };
  }
}

/** A refusal naming the offending field (`/body/lines/3/sku`) and the rule it broke. */
export function orderFieldProblem(
  code: OrderProcessErrorCode,
  path: string,
  message: string,
): ProblemException {
  const error: FieldError = { path, rule: code, message };
  return new ProblemException(code, message, [error], mapOrderProcessError(code));
}

export interface OrderLinkView {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  href: string;
}

export function orderLink(order: { id: string; orderNumber: string; status: OrderStatus }) {
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    href: `/process/v1/orders/${order.id}`,
  } satisfies OrderLinkView;
}

/** 409: the PO number belongs to `existing` (or `existing` already revised the order). */
export function poInUse(
  code: OrderProcessErrorCode.DUPLICATE_PO | OrderProcessErrorCode.ALREADY_REVISED,
  poNumber: string,
  existing: { id: string; orderNumber: string; status: OrderStatus },
): ProblemException {
  const detail =
    code === OrderProcessErrorCode.DUPLICATE_PO
      ? `PO ${poNumber} is already order ${existing.orderNumber}; send replacesOrderId to revise it`
      : `The order was already revised by ${existing.orderNumber}; revise that one instead`;
  return new ProblemException(
    code,
    detail,
    [{ path: '/body/externalPoNumber', rule: code, message: detail }],
    { ...mapOrderProcessError(code), extensions: { existingOrder: orderLink(existing) } },
  );
}

/** 409 naming the order's status: the state the order is in does not allow the request. */
export function wrongOrderState(
  code:
    | OrderProcessErrorCode.NOT_REVISABLE
    | OrderProcessErrorCode.NOT_CANCELLABLE
    | OrderProcessErrorCode.NOT_CHANGEABLE,
  order: { orderNumber: string; status: OrderStatus },
  allowedWhen: string,
): ProblemException {
  const detail = `Order ${order.orderNumber} is ${order.status}: ${allowedWhen}`;
  return new ProblemException(
    code,
    detail,
    [{ path: '/status', rule: code, message: `order status is ${order.status}` }],
    { ...mapOrderProcessError(code), extensions: { orderStatus: order.status } },
  );
}
