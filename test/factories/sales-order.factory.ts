import {
  Allocation,
  Customer,
  CustomerShipTo,
  Item,
  type OrderChannel,
  OrderHold,
  type OrderStatus,
  SalesOrder,
  SalesOrderLine,
  Shipment,
  ShipmentLine,
  type ShipmentStatus,
  Warehouse,
} from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface CustomerAccount {
  customerId: string;
  shipToId: string;
}

export interface OrderOptions {
  orderStatus?: OrderStatus;
  channel?: OrderChannel;
  requestedDate?: string | null;
  shipmentStatus?: ShipmentStatus;
  shippedAt?: string | null;
}

export interface InsertedOrder {
  items: [Item, Item];
  warehouse: Warehouse;
  order: SalesOrder;
  lines: [SalesOrderLine, SalesOrderLine];
  allocations: [Allocation, Allocation];
  openHold: OrderHold;
  shipment: Shipment;
}

const address = {
  line1: '2 Dock Rd',
  city: 'Reno',
  region: 'NV',
  postalCode: '89502',
  country: 'US',
};

export async function insertCustomerAccount(
  manager: EntityManager,
  tag: string,
): Promise<CustomerAccount> {
  const customer = await manager.save(
    manager.create(Customer, {
      customerNumber: `SR-${tag}`,
      name: `Acme ${tag}`,
      currency: 'USD',
      paymentTerms: 'NET30',
      creditLimit: '50000.0000',
      billTo: address,
    }),
  );
  const shipTo = await manager.save(
    manager.create(CustomerShipTo, {
      customerId: customer.id,
      code: 'MAIN',
      name: 'Main plant',
      address,
      region: 'US-WEST',
    }),
  );
  return { customerId: customer.id, shipToId: shipTo.id };
}

function orderLine(
  orderId: string,
  item: Item,
  fields: Partial<SalesOrderLine>,
): Partial<SalesOrderLine> {
  return { orderId, itemId: item.id, requestedUnitPrice: null, contractUnitPrice: null, ...fields };
}

/**
 * An order of 10 EA of item A at 12.50 (contract price) and 2 CS (24 EA) of item B at 48.125
 * (list price): subtotal 221.25 + tax 17.70 + freight 10.00 = 248.95. Line 1 is allocated and
 * shipped in full, line 2 allocated; a released credit hold and an open manual hold.
 */
export async function insertOrderWithShipment(
  manager: EntityManager,
  account: CustomerAccount,
  tag: string,
  options: OrderOptions,
): Promise<InsertedOrder> {
  const items = (await manager.save([
    manager.create(Item, {
      sku: `SKU-${tag}-A`,
      description: 'Hex bolt M8',
      baseUom: 'EA',
      standardCost: '8.0000',
      listPrice: '14.0000',
      currency: 'USD',
    }),
    manager.create(Item, {
      sku: `SKU-${tag}-B`,
      description: 'Washer',
      baseUom: 'EA',
      standardCost: '2.0000',
      listPrice: '4.5000',
      currency: 'USD',
    }),
  ])) as [Item, Item];
  const warehouse = await manager.save(
    manager.create(Warehouse, { code: `WH-${tag}`, name: 'Reno DC', address }),
  );
  const order = await manager.save(
    manager.create(SalesOrder, {
      orderNumber: `SO-${tag}`,
      customerId: account.customerId,
      channel: options.channel ?? 'portal',
      externalPoNumber: `PO-${tag}`,
      shipToId: account.shipToId,
      requestedDate: options.requestedDate === undefined ? '2026-03-15' : options.requestedDate,
      status: options.orderStatus ?? 'partially_shipped',
      currency: 'USD',
      subtotal: '221.2500',
      taxTotal: '17.7000',
      freight: '10.0000',
      total: '248.9500',
      touchless: false,
    }),
  );
  const lines = (await manager.save(SalesOrderLine, [
    orderLine(order.id, items[0], {
      lineNumber: 1,
      customerItemNumber: 'CUST-A',
      quantity: '10.0000',
      uom: 'EA',
      baseQuantity: '10.0000',
      requestedUnitPrice: '12.5000',
      contractUnitPrice: '12.5000',
      unitPrice: '12.5000',
      priceSource: 'contract',
      lineTotal: '125.0000',
      status: 'shipped',
      quantityAllocated: '10.0000',
      quantityShipped: '10.0000',
    }),
    orderLine(order.id, items[1], {
      lineNumber: 2,
      customerItemNumber: null,
      quantity: '2.0000',
      uom: 'CS',
      baseQuantity: '24.0000',
      unitPrice: '48.1250',
      priceSource: 'list',
      lineTotal: '96.2500',
      status: 'accepted',
      quantityAllocated: '24.0000',
    }),
  ])) as [SalesOrderLine, SalesOrderLine];
  const allocations = (await manager.save(Allocation, [
    {
      orderLineId: lines[0].id,
      warehouseId: warehouse.id,
      itemId: items[0].id,
      quantity: '10.0000',
      status: 'shipped',
    },
    {
      orderLineId: lines[1].id,
      warehouseId: warehouse.id,
      itemId: items[1].id,
      quantity: '24.0000',
      status: 'allocated',
    },
  ])) as [Allocation, Allocation];
  await manager.save(OrderHold, {
    orderId: order.id,
    type: 'credit',
    status: 'released',
    reasonCode: 'CREDIT.LIMIT_EXCEEDED',
    resolvedAt: new Date(),
    resolvedBy: 'credit@example.com',
  });
  const openHold = await manager.save(OrderHold, {
    orderId: order.id,
    type: 'manual',
    reasonCode: 'MANUAL.REVIEW',
    evidence: { note: 'check freight' },
  });
  const shippedAt = options.shippedAt === undefined ? '2026-03-10T15:30:00Z' : options.shippedAt;
  const shipment = await manager.save(Shipment, {
    shipmentNumber: `SH-${tag}`,
    orderId: order.id,
    warehouseId: warehouse.id,
    carrier: 'UPS',
    trackingNumber: `1Z${tag}`,
    status: options.shipmentStatus ?? 'shipped',
    shippedAt: shippedAt === null ? null : new Date(shippedAt),
  });
  await manager.save(ShipmentLine, {
    shipmentId: shipment.id,
    orderLineId: lines[0].id,
    allocationId: allocations[0].id,
    quantity: '10.0000',
    lot: 'L-1',
  });
  return { items, warehouse, order, lines, allocations, openHold, shipment };
}
