import { ApiErrorCode, type CursorPart } from '@o2c/http';
import { randomUUID } from 'node:crypto';
import { customerBody } from '../factories/customer.factory';
import { bai2File } from '../factories/remittance-file.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * The key each list endpoint's cursor carries, and the path and query it is listed with (ids
 * filled in once the suite has made the objects they name). A new list endpoint fails the
 * suite until it is described here.
 */
interface ListEndpoint {
  key: readonly CursorPart[];
  path?: (objects: Objects) => string;
  query?: (objects: Objects) => string;
}

interface Objects {
  customerId: string;
  fileId: string;
  subscriptionId: string;
}

const NEWEST_FIRST: readonly CursorPart[] = ['timestamp', 'uuid'];

const LIST_ENDPOINTS: Record<string, ListEndpoint> = {
  listApiClients: { key: ['text', 'text'] },
  listDeprecatedCalls: { key: ['date', 'text', 'int', 'text', 'text'] },
  listAuditLog: { key: NEWEST_FIRST },
  listCreditMemos: { key: NEWEST_FIRST },
  listTaxRates: { key: ['text', 'date', 'uuid'] },
  listRemittanceFilePayments: {
    key: ['int', 'uuid'],
    path: ({ fileId }) => `/process/v1/remittance-files/${fileId}/payments`,
  },
  listShipmentEvents: { key: NEWEST_FIRST },
  listWebhookSubscriptions: { key: [{ equals: 'newest' }, 'timestamp', 'uuid'] },
  listWebhookSubscriptionDeliveries: {
    key: [{ equals: 'newest' }, 'timestamp', 'uuid'],
    path: ({ subscriptionId }) => `/process/v1/webhook-subscriptions/${subscriptionId}/deliveries`,
  },
  listWebhookMessageDeliveries: {
    key: [{ equals: 'newest' }, 'timestamp', 'uuid'],
    query: () => `messageId=${randomUUID()}`,
  },
  listIntegrationExceptions: { key: [{ equals: 'oldest' }, 'timestamp', 'uuid'] },
  listProcessOrders: { key: NEWEST_FIRST },
  listDisputes: { key: ['bigint'] },
  getReceivablesAging: { key: ['text', 'text'] },
  listDunningNotices: { key: ['postgres-timestamp', 'uuid'] },
  listCollectionsQueue: { key: ['int', 'decimal', 'uuid'] },
  listPaymentPromises: {
    key: ['postgres-timestamp', 'uuid'],
    path: ({ customerId }) => `/process/v1/collections/customers/${customerId}/payment-promises`,
  },
  listWorkQueueTasks: {
    key: [{ equals: 'dueAt' }, 'timestamp-or-infinity', 'int', 'uuid'],
    path: () => '/process/v1/work-queues/credit-review/tasks',
  },
  listApprovalRoutingRules: { key: ['text', 'int', 'text'] },
  listItems: { key: ['text'] },
  listPriceAgreements: { key: ['uuid', 'uuid', 'date', 'uuid'] },
  listCustomers: { key: ['text'] },
  listWarehouses: { key: ['text'] },
  listInventoryBalances: { key: ['text', 'text'] },
  listInventoryMovements: { key: NEWEST_FIRST },
  listOrders: { key: NEWEST_FIRST },
  listShipments: { key: NEWEST_FIRST },
  listInvoices: { key: NEWEST_FIRST },
  listPayments: { key: NEWEST_FIRST },
};

/** A value of each kind that the endpoint would take (so the forgeries differ in one part). */
function wellFormed(part: CursorPart): unknown {
  if (typeof part === 'object') return part.equals;
  const samples: Record<typeof part, unknown> = {
    int: 1,
    bigint: '1',
    uuid: randomUUID(),
    timestamp: '2026-03-06T14:05:09.123456Z',
    'timestamp-or-infinity': 'infinity',
    'postgres-timestamp': '2026-03-06 14:05:09.123456+00',
    date: '2026-03-06',
    decimal: '10.00',
    text: 'x',
  };
  return samples[part];
}

/** Values of the right JSON shape or near it that the database would refuse for that kind. */
function forgeries(part: CursorPart): unknown[] {
  if (typeof part === 'object') return ['abc', 1];
  const forged: Record<typeof part, unknown[]> = {
    int: ['abc', -1, 1.5, 2 ** 31, 1e20],
    bigint: ['abc', '-1', '1.5', '99999999999999999999', 1],
    uuid: ['abc', 1, `${randomUUID()}0`],
    timestamp: ['abc', '2026-02-30T00:00:00.000000Z', '2026-01-01T25:00:00.000000Z', 1],
    'timestamp-or-infinity': ['-infinity', 'abc', '2026-02-30T00:00:00.000000Z'],
    'postgres-timestamp': ['abc', '2026-02-30 00:00:00+00', '2026-01-01 00:00:00+99', 1],
    date: ['abc', '2026-02-30', '0000-01-01', 1],
    decimal: ['abc', '1e5', 'NaN', 1.5],
    text: ['a\u0000b', -1],
  };
  return forged[part];
}

function cursorOf(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The well-formed key with one part replaced by each of its forgeries, in turn. */
function forgedKeys(parts: readonly CursorPart[]): unknown[][] {
  const valid = parts.map(wellFormed);
  return parts.flatMap((part, index) =>
    forgeries(part).map((value) => valid.map((sample, at) => (at === index ? value : sample))),
  );
}

interface Parameter {
  name?: string;
  in?: string;
  $ref?: string;
}

/** Operations whose contract has a `cursor` query parameter (resolving #/components refs). */
function operationsWithCursor(gateway: TestGateway): Map<string, string> {
  const found = new Map<string, string>();
  for (const { document } of gateway.contracts.contracts) {
    const resolve = (parameter: Parameter): Parameter =>
      parameter.$ref === undefined
        ? parameter
        : (parameter.$ref
            .slice('#/'.length)
            .split('/')
            .reduce<unknown>(
              (node, segment) => (node as Record<string, unknown>)[segment],
              document,
            ) as Parameter);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const operation = item.get as { operationId?: string; parameters?: Parameter[] } | undefined;
      if (!operation?.operationId) continue;
      const parameters = [
        ...((item.parameters as Parameter[] | undefined) ?? []),
        ...(operation.parameters ?? []),
      ];
      if (
        parameters
          .map(resolve)
          .some((parameter) => parameter.name === 'cursor' && parameter.in === 'query')
      ) {
        found.set(operation.operationId, path);
      }
    }
  }
  return found;
}

/**
 * Every list endpoint refuses a cursor it did not issue with a 400 naming /query/cursor, also
 * when the cursor has the right number of parts: each part is bound to a typed SQL parameter,
 * and a part of the wrong kind must be refused before the database sees it (there, it was a
 * 500 or a 400 naming the wrong field).
 */
describe('forged page cursors', () => {
  let gateway: TestGateway;
  let endpoints: Map<string, string>;
  let objects: Objects;

  beforeAll(async () => {
    gateway = await startTestGateway();
    endpoints = operationsWithCursor(gateway);
    const customer = await gateway.http().post('/system/v1/customers').send(customerBody());
    expect(customer.status).toBe(201);
    const file = await gateway
      .http()
      .post('/process/v1/remittance-files')
      .set('content-type', 'text/plain')
      .send(
        Buffer.from(
          bai2File({
            fileId: `F${Date.now() % 1e8}`,
            credits: [{ cents: 12_500n, bankReference: `BR-${randomUUID().slice(0, 8)}` }],
          }),
        ),
      );
    expect(file.status).toBe(201);
    const subscription = await gateway
      .http()
      .post('/process/v1/webhook-subscriptions')
      .send({
        name: 'Forged cursor hook',
        url: 'https://hooks.partner.example/o2c',
        eventTypes: ['order.*'],
      });
    expect(subscription.status).toBe(201);
    objects = {
      customerId: customer.body.id as string,
      fileId: file.body.id as string,
      subscriptionId: subscription.body.id as string,
    };
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('knows the cursor of every list endpoint the contracts declare', () => {
    expect([...endpoints.keys()].sort()).toEqual(Object.keys(LIST_ENDPOINTS).sort());
  });

  it.each(Object.entries(LIST_ENDPOINTS))(
    '%s answers 400 naming /query/cursor for every forged part',
    async (operationId, endpoint) => {
      const path = endpoint.path?.(objects) ?? endpoints.get(operationId);
      if (path === undefined) throw new Error(`${operationId} has no cursor in its contract`);
      const query = endpoint.query?.(objects);
      const list = (key: unknown[]) =>
        gateway
          .http()
          .get(path)
          .query(`${query ? `${query}&` : ''}cursor=${cursorOf(key)}`);

      // The well-formed key is taken, so the refusals below are about the forged part alone.
      const valid = await list(endpoint.key.map(wellFormed));
      expect({ status: valid.status, body: valid.body as unknown }).toMatchObject({ status: 200 });

      for (const key of forgedKeys(endpoint.key)) {
        const response = await list(key);
        gateway.expectContract(operationId, response);
        expect({ key, status: response.status, body: response.body as unknown }).toMatchObject({
          key,
          status: 400,
          body: {
            code: ApiErrorCode.INVALID_CURSOR,
            errors: [{ path: '/query/cursor', rule: 'cursor' }],
          },
        });
      }
    },
  );
});
