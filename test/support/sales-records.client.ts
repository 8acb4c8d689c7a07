import type { SalesGraph } from '../factories/sales-records.factory';
import type { TestGateway } from './test-gateway';

export type SalesResource = 'orders' | 'shipments' | 'invoices' | 'payments';

export const SALES_RESOURCES: Record<
  SalesResource,
  { list: string; get: string; idOf: (graph: SalesGraph) => string }
> = {
  orders: { list: 'listOrders', get: 'getOrder', idOf: (graph) => graph.order.id },
  shipments: { list: 'listShipments', get: 'getShipment', idOf: (graph) => graph.shipment.id },
  invoices: { list: 'listInvoices', get: 'getInvoice', idOf: (graph) => graph.invoice.id },
  payments: { list: 'listPayments', get: 'getPayment', idOf: (graph) => graph.payment.id },
};

export const ALL_SALES_RESOURCES = Object.keys(SALES_RESOURCES) as SalesResource[];

/** Reads of the sales-records API, each response checked against the contract. */
export function salesRecordsClient(gateway: TestGateway) {
  return {
    /** `query` is a raw query string, so a parameter can repeat (status=a&status=b). */
    async list(resource: SalesResource, query: string) {
      const response = await gateway.http().get(`/system/v1/${resource}?${query}`);
      return gateway.expectContract(SALES_RESOURCES[resource].list, response);
    },
    async get(resource: SalesResource, id: string) {
      const response = await gateway.http().get(`/system/v1/${resource}/${id}`);
      return gateway.expectContract(SALES_RESOURCES[resource].get, response);
    },
  };
}

export function idsOf(body: { items: { id: string }[] }): string[] {
  return body.items.map((item) => item.id);
}
