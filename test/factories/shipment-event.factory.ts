import { randomBytes } from 'node:crypto';
import type { TokenRequest } from '@o2c/governance';
import type { Response } from 'supertest';
import type { TestGateway } from '../support/test-gateway';

let sequence = 0;

/** An id no other event, shipment or tracking number of the run uses. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}${sequence}`;
}

/** A time `minutesAgo` before now, as the sender would stamp it. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** A warehouse system (WMS) bound to these warehouses, with its scopes. */
export function warehouseClient(codes: string[], subject = uniqueId('wms')): TokenRequest {
  return {
    subject,
    kind: 'warehouse_client',
    scopes: ['shipment-events:warehouse', 'shipments:read'],
    warehouseCodes: codes,
    customerIds: [],
  };
}

/** A carrier client for its SCAC. */
export function carrierClient(scac: string, subject = uniqueId('carrier')): TokenRequest {
  return {
    subject,
    kind: 'carrier_client',
    scopes: ['shipment-events:carrier', 'shipments:read'],
    carrierCode: scac,
    customerIds: [],
  };
}

export interface ShippedLine {
  lineNumber: number;
  quantity: string;
  [field: string]: unknown;
}

/** A shipped event of `warehouseCode` for the order, with a new event and shipment id. */
export function shippedEvent(
  warehouseCode: string,
  orderNumber: string,
  lines: ShippedLine[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId: uniqueId('EVT'),
    type: 'shipped',
    occurredAt: minutesAgo(2),
    warehouseCode,
    warehouseShipmentId: uniqueId('WSH'),
    orderNumber,
    carrier: { scac: 'UPSN', serviceLevel: 'GROUND' },
    trackingNumber: uniqueId('1Z'),
    lines,
    ...overrides,
  };
}

/** A carrier scan for a tracking number. */
export function carrierEvent(
  type: 'in_transit' | 'exception' | 'delivered',
  trackingNumber: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId: uniqueId('SCAN'),
    type,
    occurredAt: minutesAgo(1),
    trackingNumber,
    ...(type === 'exception' ? { exception: { code: 'DELAYED', description: 'Weather' } } : {}),
    ...overrides,
  };
}

type Agent = ReturnType<TestGateway['http']>;

/** The fulfillment process API over HTTP, every answer checked against the contract. */
export class ShipmentEventsClient {
  constructor(private readonly gateway: TestGateway) {}

  async send(body: Record<string, unknown>, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'recordShipmentEvent',
      await agent.post('/process/v1/shipment-events').send(body),
    );
  }

  async shipment(shipmentId: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'getShipmentDetail',
      await agent.get(`/process/v1/shipments/${shipmentId}`),
    );
  }

  async notice(shipmentId: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'getShipmentNotice',
      await agent.get(`/process/v1/shipments/${shipmentId}/ship-notice`),
    );
  }

  async forOrder(orderId: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'listShipmentsOfOrder',
      await agent.get(`/process/v1/orders/${orderId}/shipments`),
    );
  }

  async events(query: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'listShipmentEvents',
      await agent.get(`/process/v1/shipment-events${query}`),
    );
  }
}
