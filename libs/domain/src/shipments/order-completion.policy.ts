import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { assertTransition, type OrderStatus } from '../orders/order-lifecycle.policy';
import { isLineShippedInFull, type LineQuantities } from './order-line-fulfilment.policy';

/** A live or cancelled order line as completion sees it. */
export interface LineProgress extends LineQuantities {
  /** Cancelled and rejected lines are done without shipping. */
  readonly cancelled: boolean;
}

export type ShipmentProgress = 'none' | 'partial' | 'complete';

/** The statuses shipping and invoicing move an order to. */
export type CompletionStatus = Extract<OrderStatus, 'partially_shipped' | 'shipped' | 'invoiced'>;

/**
 * How far an order has shipped: complete when every line is cancelled or shipped in full (and
 * something shipped at all), partial when anything shipped, else none.
 */
export function shipmentProgress(lines: readonly LineProgress[]): ShipmentProgress {
  const live = lines.filter((line) => !line.cancelled);
  const shippedAny = live.some((line) => line.shipped.greaterThan(0));
  if (!shippedAny) return 'none';
  return live.every(isLineShippedInFull) ? 'complete' : 'partial';
}

/**
 * The status moves an order makes after a shipment or an invoice, in order (each allowed by
 * the lifecycle): released -> partially_shipped while lines still wait, -> shipped once every
 * line is shipped or cancelled, -> invoiced when every confirmed shipment has its invoice.
 * Empty when nothing changes.
 */
export function completionTransitions(
  current: OrderStatus,
  lines: readonly LineProgress[],
  uninvoicedShipments: number,
): CompletionStatus[] {
  if (!Number.isSafeInteger(uninvoicedShipments) || uninvoicedShipments < 0) {
    throw new DomainError(
      DomainErrorCode.SHIPMENT_INVALID_INPUT,
      'uninvoicedShipments must be a whole number of at least zero',
      'uninvoicedShipments',
    );
  }
  const progress = shipmentProgress(lines);
  const path: CompletionStatus[] = [];
  let status = current;
  const move = (to: CompletionStatus) => {
    assertTransition(status, to);
    path.push(to);
    status = to;
  };
  if (progress === 'partial' && status === 'released') move('partially_shipped');
  if (progress === 'complete' && (status === 'released' || status === 'partially_shipped')) {
    move('shipped');
  }
  if (status === 'shipped' && uninvoicedShipments === 0) move('invoiced');
  return path;
}
