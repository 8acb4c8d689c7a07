import { Decimal, isCarrierEvent, isWarehouseEvent } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import type { ShipmentEventBody, ShipmentEventLineBody } from '../shipment-event.contract';

/** Warehouse scanners and WMS hosts drift a little; further ahead is a data error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Fields only some event types carry. */
const ONLY_FOR: Partial<Record<keyof ShipmentEventBody, readonly string[]>> = {
  freight: ['shipped'],
  exception: ['exception'],
  signedBy: ['delivered'],
  location: ['in_transit', 'exception', 'delivered'],
  shipmentNumber: ['in_transit', 'exception', 'delivered'],
  warehouseCode: ['picked', 'packed', 'shipped'],
  warehouseShipmentId: ['picked', 'packed', 'shipped'],
  orderNumber: ['picked', 'packed', 'shipped'],
  orderId: ['picked', 'packed', 'shipped'],
  lines: ['picked', 'packed', 'shipped'],
};

/**
 * What the contract cannot say on its own, checked before any transaction (400, naming the
 * field): the fields each event type needs and the ones it may not carry, quantities above
 * zero, one serial number per unit, a ship time not in the future.
 */
export function checkEventRequest(body: ShipmentEventBody, now: Date): void {
  if (Date.parse(body.occurredAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.OCCURRED_IN_FUTURE,
      '/body/occurredAt',
      'occurredAt is in the future; check the sender clock',
    );
  }
  for (const [field, types] of Object.entries(ONLY_FOR)) {
    if (body[field as keyof ShipmentEventBody] !== undefined && !types.includes(body.type)) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.FIELD_NOT_ALLOWED,
        `/body/${field}`,
        `${field} does not belong in a ${body.type} event`,
      );
    }
  }
  if (isWarehouseEvent(body.type)) checkWarehouseEvent(body);
  if (isCarrierEvent(body.type)) {
    required(body.trackingNumber, 'trackingNumber', body.type);
    if (body.type === 'exception') required(body.exception, 'exception', body.type);
  }
  (body.lines ?? []).forEach((line, index) => checkLine(body, line, index));
  checkSerialsUnique(body.lines ?? []);
}

function checkWarehouseEvent(body: ShipmentEventBody): void {
  required(body.warehouseCode, 'warehouseCode', body.type);
  required(body.warehouseShipmentId, 'warehouseShipmentId', body.type);
  if (body.orderNumber === undefined && body.orderId === undefined) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.FIELD_REQUIRED,
      '/body/orderNumber',
      `a ${body.type} event names its order by orderNumber or orderId`,
    );
  }
  if (body.type === 'shipped') required(body.lines, 'lines', body.type);
}

function checkLine(body: ShipmentEventBody, line: ShipmentEventLineBody, index: number): void {
  const path = `/body/lines/${index}`;
  const quantity = new Decimal(line.quantity);
  if (!quantity.greaterThan(0)) {
    throw new ProblemException(
      'QUANTITY.NOT_POSITIVE',
      `lines[${index}].quantity must be above zero (returns are credited, not shipped back)`,
      [{ path: `${path}/quantity`, rule: 'QUANTITY.NOT_POSITIVE', message: 'must be above zero' }],
      { status: 400, title: 'The event is not valid' },
    );
  }
  if (line.shortShipped !== undefined && body.type !== 'shipped') {
    throw fulfillmentProblem(
      FulfillmentErrorCode.FIELD_NOT_ALLOWED,
      `${path}/shortShipped`,
      'shortShipped belongs in a shipped event',
    );
  }
  const serials = line.serialNumbers;
  if (serials !== undefined && (line.uom !== undefined || !quantity.equals(serials.length))) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.SERIALS_MISMATCH,
      `${path}/serialNumbers`,
      `${serials.length} serial numbers for a quantity of ${line.quantity}: send one per unit, in the base unit`,
    );
  }
}

function checkSerialsUnique(lines: ShipmentEventLineBody[]): void {
  const seen = new Set<string>();
  lines.forEach((line, index) =>
    (line.serialNumbers ?? []).forEach((serial, position) => {
      if (seen.has(serial)) {
        throw fulfillmentProblem(
          FulfillmentErrorCode.SERIALS_MISMATCH,
          `/body/lines/${index}/serialNumbers/${position}`,
          `serial number ${serial} appears twice in the event`,
        );
      }
      seen.add(serial);
    }),
  );
}

function required(value: unknown, field: string, type: string): void {
  if (value === undefined) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.FIELD_REQUIRED,
      `/body/${field}`,
      `a ${type} event needs ${field}`,
    );
  }
}
