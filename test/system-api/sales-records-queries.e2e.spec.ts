import { encodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import { insertSalesHistory, type SalesHistory } from '../factories/sales-history.factory';
import type { SalesGraph } from '../factories/sales-records.factory';
import {
  ALL_SALES_RESOURCES as ALL,
  idsOf as ids,
  SALES_RESOURCES as RESOURCES,
  type SalesResource as Resource,
  salesRecordsClient,
} from '../support/sales-records.client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

/** List filters of the sales-records API over one account's history (see sales-history.factory). */
describe('system API: sales records queries', () => {
  let gateway: TestGateway;
  let client: ReturnType<typeof salesRecordsClient>;
  let graphs: SalesHistory;
  let customerId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = salesRecordsClient(gateway);
    graphs = await insertSalesHistory(gateway.app.get(DataSource));
    customerId = graphs[0].customerId;
  });
  afterAll(() => gateway.close());

  const list = (resource: Resource, query: string) => client.list(resource, query);

  describe('filters (within one account; range bounds are inclusive)', () => {
    it.each<[Resource, string, number[]]>([
      ['orders', 'status=on_hold', [0]],
      ['orders', 'status=on_hold&status=released', [1, 0]],
      ['orders', 'channel=edi', [0]],
      ['orders', 'createdFrom=2026-01-15T00:00:00Z&createdTo=2026-01-25T00:00:00Z', [1]],
      ['orders', 'createdFrom=2026-01-20T09:00:00%2B01:00', [2, 1]],
      // 09:00+01:00 is 08:00Z: not after 08:30Z, although it sorts after it as text.
      ['orders', 'createdFrom=2026-01-20T09:00:00%2B01:00&createdTo=2026-01-20T08:30:00Z', [1]],
      ['orders', 'requestedFrom=2026-02-10&requestedTo=2026-02-28', [1]],
      ['orders', 'requestedFrom=2026-02-01&requestedTo=2026-02-01', [0]],
      ['shipments', 'status=in_transit', [1]],
      ['shipments', 'status=delivered&status=shipped', [2, 0]],
      ['shipments', 'shippedFrom=2026-01-21T09:00:00Z&shippedTo=2026-01-31T09:00:00Z', [2, 1]],
      ['invoices', 'status=paid', [1]],
      ['invoices', 'issuedFrom=2026-01-21&issuedTo=2026-01-31', [2, 1]],
      ['invoices', 'dueFrom=2026-02-11&dueTo=2026-02-28', [1]],
      ['invoices', 'overdue=true', [0]],
      ['invoices', 'overdue=true&asOf=2020-02-10', []],
      ['invoices', 'overdue=true&asOf=2020-02-11', [0]],
      ['invoices', 'overdue=false', [2, 1]],
      ['payments', 'status=applied', [1]],
      ['payments', 'status=applied&status=partially_applied', [2, 1, 0]],
      ['payments', 'receivedFrom=2026-02-01&receivedTo=2026-02-15', [1, 0]],
      ['payments', 'unapplied=true', [2, 0]],
      ['payments', 'unapplied=false', [1]],
    ])('%s?%s', async (resource, query, expected) => {
      const response = await list(resource, `customerId=${customerId}&${query}`);
      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual(
        expected.map((index) => RESOURCES[resource].idOf(graphs[index])),
      );
    });

    it.each(ALL)('finds no %s of another customer', async (resource) => {
      const response = await list(resource, `customerId=${UNKNOWN_ID}`);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it.each<[string, (graph: SalesGraph) => string]>([
      ['orderId', (graph) => graph.order.id],
      ['warehouseId', (graph) => graph.warehouse.id],
    ])('filters shipments by %s (without a customer)', async (name, valueOf) => {
      const response = await list('shipments', `${name}=${valueOf(graphs[1])}`);
      expect(ids(response.body)).toEqual([graphs[1].shipment.id]);
    });
  });

  describe('bad queries: 400 problem+json naming the field and the rule', () => {
    it.each<[Resource, string, string, string]>([
      [
        'orders',
        'createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z',
        '/query/createdFrom',
        'range',
      ],
      [
        'orders',
        'requestedFrom=2026-02-02&requestedTo=2026-02-01',
        '/query/requestedFrom',
        'range',
      ],
      [
        'shipments',
        'shippedFrom=2026-02-01T00:00:00Z&shippedTo=2026-01-31T23:59:59Z',
        '/query/shippedFrom',
        'range',
      ],
      ['invoices', 'issuedFrom=2026-02-02&issuedTo=2026-02-01', '/query/issuedFrom', 'range'],
      ['invoices', 'dueFrom=2026-02-02&dueTo=2026-02-01', '/query/dueFrom', 'range'],
      ['payments', 'receivedFrom=2026-02-02&receivedTo=2026-02-01', '/query/receivedFrom', 'range'],
      ['orders', 'status=shipped&status=lost', '/query/status/1', 'enum'],
      ['orders', 'createdFrom=yesterday', '/query/createdFrom', 'format'],
      ['orders', 'requestedTo=2026-02-30', '/query/requestedTo', 'format'],
      ['orders', 'customerId=42', '/query/customerId', 'format'],
      ['shipments', 'warehouseId=WH-1', '/query/warehouseId', 'format'],
      ['invoices', 'overdue=maybe', '/query/overdue', 'type'],
      ['payments', 'unapplied=yes', '/query/unapplied', 'type'],
      ['orders', 'limit=201', '/query/limit', 'maximum'],
      ['orders', 'colour=red', '/query/colour', 'additionalProperties'],
      ['shipments', 'customer=x', '/query/customer', 'additionalProperties'],
      ['invoices', 'overdueAsOf=2026-01-01', '/query/overdueAsOf', 'additionalProperties'],
      ['payments', 'applied=true', '/query/applied', 'additionalProperties'],
      ['payments', 'cursor=bm9wZQ', '/query/cursor', 'cursor'],
      ['invoices', `cursor=${encodeCursor(['yesterday', 'x'])}`, '/query/cursor', 'cursor'],
    ])('%s?%s', async (resource, query, path, rule) => {
      const response = await list(resource, query);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule })]),
      );
    });
  });
});
