import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** In lifecycle order; the same values as the sales_orders.status check constraint. */
export const ORDER_STATUSES = Object.freeze([
  'received',
  'validated',
  'on_hold',
  'approved',
  'allocated',
  'released',
  'partially_shipped',
  'shipped',
  'invoiced',
  'closed',
  'cancelled',
  'rejected',
] as const);
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Every allowed move. Holds can open up to allocation (credit can turn after approval, a
 * manual hold can stop an allocated order before release); once released to the warehouse
 * only cancellation stops it, and once anything has shipped it can no longer be cancelled
 * (returns and credit memos handle that). Shipment ends at shipped, then invoiced, closed.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = deepFreeze({
  received: ['validated', 'on_hold', 'rejected', 'cancelled'],
  validated: ['allocated', 'on_hold', 'cancelled', 'rejected'],
  on_hold: ['approved', 'rejected', 'cancelled'],
  approved: ['allocated', 'on_hold', 'cancelled'],
  allocated: ['released', 'cancelled', 'on_hold'],
  released: ['partially_shipped', 'shipped', 'cancelled'],
  partially_shipped: ['shipped'],
  shipped: ['invoiced'],
  invoiced: ['closed'],
  closed: [],
  cancelled: [],
  rejected: [],
});

/** Statuses from which a customer or user may still cancel: nothing has shipped yet. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = Object.freeze(
  ORDER_STATUSES.filter((status) => TRANSITIONS[status].includes('cancelled')),
);

/**
 * Statuses in which warehouses may ship against an order: released to them, and until every
 * line has shipped. A cancelled order's warehouses were told to stop picking.
 */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = Object.freeze([
  'released',
  'partially_shipped',
] as const);

export function isShippable(status: OrderStatus): boolean {
  return SHIPPABLE_STATUSES.includes(status);
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** The statuses an order may move to next; empty for terminal statuses and unknown input. */
export function nextOrderStatuses(from: OrderStatus): readonly OrderStatus[] {
  return isOrderStatus(from) ? TRANSITIONS[from] : [];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return isOrderStatus(to) && nextOrderStatuses(from).includes(to);
}

/**
 * Throws ORDER.INVALID_TRANSITION (no field: the order's state is to blame, not an input, so
 * the HTTP layer answers 422) unless `from -> to` is allowed.
 */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      DomainErrorCode.ORDER_INVALID_TRANSITION,
      `An order cannot move from ${String(from)} to ${String(to)}`,
    );
  }
}

/** Closed, cancelled and rejected orders never change again. */
export function isTerminal(status: OrderStatus): boolean {
  return status === 'closed' || status === 'cancelled' || status === 'rejected';
}

function deepFreeze<T extends Record<string, readonly unknown[]>>(table: T): T {
  for (const targets of Object.values(table)) Object.freeze(targets);
  return Object.freeze(table);
}
