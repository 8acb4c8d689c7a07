import { Injectable } from '@nestjs/common';
import { decideShipmentEvent, isShippable, type WarehouseEventType } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { SalesOrder, Shipment } from '@o2c/persistence';
import { FlowSession } from '../../orders/flow/flow-session';
import { CustomerAccountRepository } from '../../orders/persistence/customer-account.repository';
import { OrderRecordsRepository } from '../../orders/persistence/order-records.repository';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import {
  FulfilmentOrdersRepository,
  type WarehouseRow,
} from '../persistence/fulfilment-orders.repository';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';
import type { EventContext } from './event-context';
import { ShipmentConfirmationStep, newShipmentRecord } from './shipment-confirmation.step';
import { orderLink, type ShipmentEventOutcome, shipmentLink } from './shipment-event.outcome';
import { mayReportFor } from './shipment-event.sender';
import { checkNamedLines } from './shipped-lines.planner';
import { ShipmentHistoryWriter } from './shipment-history.writer';

/**
 * A warehouse event (picked, packed, shipped) for the shipment the warehouse system numbered
 * `warehouseShipmentId`, of one order. The customer and the order are locked first (as every
 * order flow does), so the events of one order apply one after the other. Picked and packed
 * move the shipment forward only; shipped confirms it (ShipmentConfirmationStep).
 */
@Injectable()
export class WarehouseEventStep {
  constructor(
    private readonly orders: FulfilmentOrdersRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly orderRecords: OrderRecordsRepository,
    private readonly records: ShipmentRecordsRepository,
    private readonly confirmation: ShipmentConfirmationStep,
    private readonly history: ShipmentHistoryWriter,
  ) {}

  async record(context: EventContext, type: WarehouseEventType): Promise<ShipmentEventOutcome> {
    const { manager, body } = context;
    const warehouse = await this.warehouseOf(context);
    const session = new FlowSession(manager, context.sender.actor);
    const { customer, order } = await this.lockOrder(context);
    if (body.trackingNumber !== undefined && body.carrier !== undefined) {
      await this.records.lockTracking(manager, body.carrier.scac, body.trackingNumber);
    }
    const shipment = await this.records.lockByWarehouseReference(
      manager,
      warehouse.id,
      body.warehouseShipmentId ?? '',
    );
    if (shipment && shipment.orderId !== order.id) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.OTHER_ORDER,
        '/body/warehouseShipmentId',
        `shipment ${body.warehouseShipmentId} of warehouse ${warehouse.code} belongs to another order`,
      );
    }
    const decision = decideShipmentEvent(
      shipment
        ? { status: shipment.status, lastEventAt: shipment.lastEventAt?.toISOString() ?? null }
        : null,
      { type, occurredAt: body.occurredAt },
    );
    // A late event for a shipment that moved on is history whatever the order's state now.
    if (decision.action === 'confirm' || decision.action === 'apply') {
      assertShippable(
        order,
        body.orderNumber === undefined ? '/body/orderId' : '/body/orderNumber',
      );
    }
    switch (decision.action) {
      case 'confirm':
        return this.confirmation.confirm(
          context,
          { session, customer, order, warehouse },
          shipment,
        );
      case 'refuse':
        throw fulfillmentProblem(
          FulfillmentErrorCode.ALREADY_SHIPPED,
          '/body/warehouseShipmentId',
          `shipment ${shipment?.shipmentNumber ?? body.warehouseShipmentId} was already confirmed ` +
            'as shipped by another event; send corrections as a new shipment',
        );
      case 'apply':
        return this.progress(context, { order, warehouse }, shipment, type);
      case 'stale':
      case 'park':
        return this.keep(context, order, shipment, decision.reason);
    }
  }

  /** Picked or packed: the shipment is created, or moves one step on. */
  private async progress(
    context: EventContext,
    target: { order: SalesOrder; warehouse: WarehouseRow },
    existing: Shipment | null,
    type: WarehouseEventType,
  ): Promise<ShipmentEventOutcome> {
    const { manager, body } = context;
    if (body.lines) {
      checkNamedLines(target.order, await this.orders.lines(manager, target.order.id), body.lines);
    }
    const shipment =
      existing ??
      newShipmentRecord(context, target, await this.records.nextShipmentNumber(manager));
    const from = existing?.status ?? null;
    shipment.status = type;
    shipment.carrier = body.carrier?.scac ?? shipment.carrier;
    shipment.serviceLevel = body.carrier?.serviceLevel ?? shipment.serviceLevel;
    shipment.trackingNumber = body.trackingNumber ?? shipment.trackingNumber;
    if (shipment.lastEventAt === null || context.occurredAt > shipment.lastEventAt) {
      shipment.lastEventAt = context.occurredAt;
    }
    if (existing) await this.records.saveShipment(manager, shipment);
    else await this.records.insertShipment(manager, shipment);
    context.journal.record(shipment.id, `shipment.${type}`, context.occurredAt, {
      data: { from, status: type, eventId: body.eventId, lines: body.lines ?? [] },
      related: [{ type: 'order', id: target.order.id, qualifier: 'ships' }],
    });
    const outcome = this.outcome(context, target.order, shipment, 'applied', null);
    await this.history.write(context, {
      shipmentId: shipment.id,
      status: 'applied',
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      outcome,
    });
    return outcome;
  }

  /** A late picked or packed event: history only. */
  private async keep(
    context: EventContext,
    order: SalesOrder,
    shipment: Shipment | null,
    reason: string,
  ): Promise<ShipmentEventOutcome> {
    const outcome = this.outcome(context, order, shipment, 'stale', reason);
    await this.history.write(context, {
      shipmentId: shipment?.id ?? null,
      status: 'stale',
      carrier: shipment?.carrier ?? null,
      trackingNumber: shipment?.trackingNumber ?? null,
      outcome,
    });
    return outcome;
  }

  private outcome(
    context: EventContext,
    order: SalesOrder,
    shipment: Shipment | null,
    status: 'applied' | 'stale',
    reason: string | null,
  ): ShipmentEventOutcome {
    return {
      eventId: context.body.eventId,
      type: context.body.type,
      outcome: status,
      duplicate: false,
      reason,
      receivedAt: context.receivedAt.toISOString(),
      shipment: shipment ? shipmentLink(shipment) : null,
      order: orderLink(order),
      invoice: null,
      parkedEventsApplied: [],
    };
  }

  /** A warehouse outside the client's is not found (404); an unknown one is a data error (422). */
  private async warehouseOf(context: EventContext): Promise<WarehouseRow> {
    const code = context.body.warehouseCode ?? '';
    if (!mayReportFor(context.sender, code)) throw ProblemException.notFound('warehouse', code);
    const warehouse = await this.orders.findWarehouse(context.manager, code);
    if (!warehouse) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.WAREHOUSE_NOT_FOUND,
        '/body/warehouseCode',
        `no warehouse ${code}`,
      );
    }
    return warehouse;
  }

  private async lockOrder(context: EventContext) {
    const { manager, body } = context;
    const path = body.orderNumber === undefined ? '/body/orderId' : '/body/orderNumber';
    const found = await this.orders.findOrder(manager, body);
    const customer = found ? await this.accounts.lock(manager, found.customerId) : undefined;
    const order = found ? await this.orderRecords.lockOrder(manager, 'all', found.id) : null;
    if (!found || !customer || !order) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.ORDER_NOT_FOUND,
        path,
        `no order ${body.orderNumber ?? body.orderId}` +
          (body.orderNumber !== undefined && body.orderId !== undefined ? ' with that id' : ''),
      );
    }
    return { customer, order };
  }
}

/** Warehouses ship released orders until everything shipped; a cancelled order stopped. */
function assertShippable(order: SalesOrder, path: string): void {
  if (isShippable(order.status)) return;
  if (order.status === 'cancelled') {
    throw fulfillmentProblem(
      FulfillmentErrorCode.LINE_CANCELLED,
      path,
      `order ${order.orderNumber} was cancelled` +
        (order.statusReason ? ` (${order.statusReason})` : '') +
        ': its warehouses were told to stop picking',
      { orderStatus: order.status },
    );
  }
  throw fulfillmentProblem(
    FulfillmentErrorCode.ORDER_NOT_SHIPPABLE,
    path,
    `order ${order.orderNumber} is ${order.status}: warehouses ship released orders until every line has shipped`,
    { orderStatus: order.status },
  );
}
