import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { backordersAllowed, Decimal, parseMoney } from '@o2c/domain';
import { AuditTrail } from '@o2c/governance';
import { type SalesOrder, Shipment } from '@o2c/persistence';
import { InvoiceOnShipment } from '../../billing/invoicing/invoice-on-shipment.service';
import { applyBillableTotals } from '../../orders/flow/billable-totals';
import type { FlowSession } from '../../orders/flow/flow-session';
import type { CustomerAccount } from '../../orders/persistence/customer-account.repository';
import { OrderRecordsRepository } from '../../orders/persistence/order-records.repository';
import { ProcessLogRepository } from '../../orders/persistence/process-log.repository';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import {
  FulfilmentOrdersRepository,
  type WarehouseRow,
} from '../persistence/fulfilment-orders.repository';
import { ShipmentLogRepository } from '../persistence/shipment-log.repository';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';
import { ShipmentStockRepository } from '../persistence/shipment-stock.repository';
import { ShipNoticeReader } from '../read/ship-notice.reader';
import type { EventContext } from './event-context';
import { OrderCompletionStep } from './order-completion.step';
import { ParkedEventsStep } from './parked-events.step';
import { applyPlannedLines } from './shipped-lines.applier';
import { planShippedLines } from './shipped-lines.planner';
import {
  invoiceLink,
  orderLink,
  type ShipmentEventOutcome,
  shipmentLink,
} from './shipment-event.outcome';
import { ShipmentHistoryWriter } from './shipment-history.writer';

/** The order and warehouse a shipped event was checked against, locked. */
export interface ShippingTarget {
  session: FlowSession;
  customer: CustomerAccount;
  order: SalesOrder;
  warehouse: WarehouseRow;
}

/**
 * A shipped event confirms the shipment, in one transaction: the lines are checked and drawn
 * from the allocations (stock on hand and allocated go down together, guarded), the order's
 * lines and status move, the shipment and its lines are written, carrier scans that waited
 * are applied, the ship notice leaves through the outbox, and the invoice is issued last (its
 * number series stays locked until the commit, so nothing slow may follow it).
 */
@Injectable()
export class ShipmentConfirmationStep {
  private readonly tolerance: Decimal;

  constructor(
    @Inject(ENVIRONMENT) environment: Environment,
    private readonly orders: FulfilmentOrdersRepository,
    private readonly orderRecords: OrderRecordsRepository,
    private readonly processLog: ProcessLogRepository,
    private readonly records: ShipmentRecordsRepository,
    private readonly stock: ShipmentStockRepository,
    private readonly shipmentLog: ShipmentLogRepository,
    private readonly completion: OrderCompletionStep,
    private readonly parked: ParkedEventsStep,
    private readonly notices: ShipNoticeReader,
    private readonly history: ShipmentHistoryWriter,
    private readonly invoicing: InvoiceOnShipment,
    private readonly audit: AuditTrail,
  ) {
    this.tolerance = new Decimal(environment.OVER_SHIPMENT_TOLERANCE_PERCENT);
  }

  async confirm(
    context: EventContext,
    target: ShippingTarget,
    existing: Shipment | null,
  ): Promise<ShipmentEventOutcome> {
    const { manager, body } = context;
    const { session, order, warehouse, customer } = target;
    const freight = freightOf(body.freight, order.currency);
    const orderLines = await this.orders.lines(manager, order.id);
    const planned = planShippedLines({
      order,
      orderLines,
      bodyLines: body.lines ?? [],
      allocations: await this.orders.liveAllocationsIn(
        manager,
        orderLines.map((line) => line.id),
        warehouse.id,
      ),
      items: await this.orders.itemUnits(
        manager,
        orderLines.map((line) => line.itemId),
      ),
      tolerancePercent: this.tolerance,
    });

    const shipment = existing ?? (await this.newShipment(context, target));
    shipment.status = 'shipped';
    shipment.shippedAt = context.occurredAt;
    if (shipment.lastEventAt === null || context.occurredAt > shipment.lastEventAt) {
      shipment.lastEventAt = context.occurredAt;
    }
    shipment.carrier = body.carrier?.scac ?? shipment.carrier;
    shipment.serviceLevel = body.carrier?.serviceLevel ?? shipment.serviceLevel;
    shipment.trackingNumber = body.trackingNumber ?? shipment.trackingNumber;
    shipment.freight = freight;

    const rejectRemainder = !backordersAllowed(customer.shortagePolicy);
    const applied = applyPlannedLines(session, order, shipment, planned, rejectRemainder);
    // A short shipment's remainder rejected is quantity that will not be billed: the order
    // totals what it bills, so its exposure stops counting what never ships.
    const totals =
      rejectRemainder && planned.some((plan) => plan.shortShipped)
        ? applyBillableTotals(session, order, orderLines)
        : undefined;
    const stock = await this.stock.drawDown(manager, applied.drawdowns);
    if (!stock.ok) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.STOCK_SHORT,
        '/body/lines',
        `warehouse ${warehouse.code} has not ${stock.short.shipped.toFixed()} of item ` +
          `${stock.short.itemId} on hand beyond what is reserved for others; post the receipt or adjustment first`,
      );
    }
    session.journal.record(order.id, 'order.shipment_confirmed', {
      data: {
        shipmentId: shipment.id,
        shipmentNumber: shipment.shipmentNumber,
        warehouseCode: warehouse.code,
        lines: planned.map((plan) => ({
          lineNumber: plan.line.lineNumber,
          quantity: plan.shipped.toFixed(),
          shortShipped: plan.shortShipped,
        })),
        ...(totals ? { totals } : {}),
      },
      related: [{ type: 'shipment', id: shipment.id, qualifier: 'ships' }],
    });
    await this.completion.complete(session, order, orderLines, shipment);
    await session.commit(this.orderRecords, this.processLog);

    if (existing) await this.records.saveShipment(manager, shipment);
    else await this.records.insertShipment(manager, shipment);
    await this.records.insertLines(manager, applied.shipmentLines);
    context.journal.record(shipment.id, 'shipment.shipped', context.occurredAt, {
      data: { status: 'shipped', eventId: body.eventId, lines: applied.shipmentLines.length },
      related: [{ type: 'order', id: order.id, qualifier: 'ships' }],
    });
    const notice = await this.notices.inTransaction(manager, shipment.id);
    context.journal.publish(shipment.id, order, 'shipment.shipped', { notice });
    const parkedEventsApplied = await this.parked.applyWaiting(
      manager,
      shipment,
      order,
      context.journal,
    );
    if (parkedEventsApplied.some((event) => event.status === 'applied')) {
      await this.records.saveShipment(manager, shipment);
    }
    const outcome: ShipmentEventOutcome = {
      eventId: body.eventId,
      type: 'shipped',
      outcome: 'applied',
      duplicate: false,
      reason: null,
      receivedAt: context.receivedAt.toISOString(),
      shipment: shipmentLink(shipment),
      order: orderLink(order),
      invoice: null,
      parkedEventsApplied,
    };
    // Everything but the invoice is written first: from the invoice number to the commit every
    // shipment queues on the number series, so that stretch carries nothing else. The stored
    // answer names its invoice when it is replayed (the shipment's invoice, issued below).
    await this.history.write(context, {
      shipmentId: shipment.id,
      status: 'applied',
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      outcome,
    });
    await context.journal.flush(manager, this.shipmentLog);
    if (manager.queryRunner) await this.audit.flush(manager.queryRunner);

    const invoice = await this.invoicing.issueForShipment(manager, shipment.id, new Date());
    return { ...outcome, invoice: invoiceLink(invoice) };
  }

  private async newShipment(context: EventContext, target: ShippingTarget): Promise<Shipment> {
    return newShipmentRecord(
      context,
      target,
      await this.records.nextShipmentNumber(context.manager),
    );
  }
}

/** A shipment first reported by this warehouse event. */
export function newShipmentRecord(
  context: EventContext,
  target: { order: SalesOrder; warehouse: WarehouseRow },
  shipmentNumber: string,
): Shipment {
  const { body } = context;
  return context.manager.create(Shipment, {
    id: randomUUID(),
    shipmentNumber,
    orderId: target.order.id,
    warehouseId: target.warehouse.id,
    externalShipmentId: body.warehouseShipmentId ?? null,
    carrier: body.carrier?.scac ?? null,
    serviceLevel: body.carrier?.serviceLevel ?? null,
    trackingNumber: body.trackingNumber ?? null,
    status: body.type,
    shippedAt: null,
    deliveredAt: null,
    freight: null,
    lastEventAt: context.occurredAt,
  });
}

/** Freight in the order's currency and its minor units, or null when none was reported. */
function freightOf(
  freight: { amount: string; currency: string } | undefined,
  currency: string,
): string | null {
  if (freight === undefined) return null;
  if (freight.currency !== currency) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.FREIGHT_CURRENCY,
      '/body/freight/currency',
      `freight is billed in the order's currency ${currency}, not ${freight.currency}`,
    );
  }
  // More decimals than the currency has is refused (400, MONEY.TOO_MANY_DECIMALS), not rounded.
  return parseMoney(freight.amount, currency, '/body/freight/amount').amount.toFixed();
}
