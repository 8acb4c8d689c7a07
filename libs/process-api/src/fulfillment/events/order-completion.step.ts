import { Injectable } from '@nestjs/common';
import {
  completionTransitions,
  Decimal,
  type LineProgress,
  type OrderStatus,
  shipmentProgress,
} from '@o2c/domain';
import type { SalesOrder, SalesOrderLine } from '@o2c/persistence';
import type { FlowSession } from '../../orders/flow/flow-session';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';

/**
 * Where an order stands after a shipment: partially shipped while lines still wait, shipped
 * once every line is shipped or cancelled, and invoiced when every confirmed shipment has its
 * invoice. The shipment being confirmed is invoiced in the same transaction, so it never
 * counts as waiting. Each move is a process event and an outbox message of the order.
 */
@Injectable()
export class OrderCompletionStep {
  constructor(private readonly shipments: ShipmentRecordsRepository) {}

  async complete(
    session: FlowSession,
    order: SalesOrder,
    lines: SalesOrderLine[],
    shipment: { id: string; shipmentNumber: string },
  ): Promise<OrderStatus[]> {
    const progress = lines.map(progressOf);
    // Invoices matter only once everything has shipped.
    const waiting =
      shipmentProgress(progress) === 'complete' || order.status === 'shipped'
        ? await this.shipments.uninvoicedShipments(session.manager, order.id, shipment.id)
        : 0;
    const path = completionTransitions(order.status, progress, waiting);
    const related = [{ type: 'shipment', id: shipment.id, qualifier: 'completed by' }];
    for (const to of path) {
      session.journal.transition(order, to, `order.${to}`, {
        data: { shipmentId: shipment.id, shipmentNumber: shipment.shipmentNumber },
        related,
      });
      session.journal.publish(order.id, `order.${to}`, {
        orderNumber: order.orderNumber,
        customerId: order.customerId,
        externalPoNumber: order.externalPoNumber,
        status: to,
        shipmentId: shipment.id,
      });
    }
    if (path.length > 0) session.touch(order);
    return path;
  }
}

function progressOf(line: SalesOrderLine): LineProgress {
  return {
    ordered: new Decimal(line.baseQuantity),
    allocated: new Decimal(line.quantityAllocated),
    backordered: new Decimal(line.quantityBackordered),
    rejected: new Decimal(line.quantityRejected),
    shipped: new Decimal(line.quantityShipped),
    cancelled: line.status === 'cancelled',
  };
}
