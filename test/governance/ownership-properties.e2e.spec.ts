import { customerBody } from '../factories/customer.factory';
import { itemBody } from '../factories/item.factory';
import { priceAgreementBody } from '../factories/price-agreement.factory';
import { warehouseBody } from '../factories/warehouse.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** Fields only the server sets: ids, versions and timestamps on every resource. */
const SERVER_OWNED = ['id', 'version', 'createdAt', 'updatedAt'] as const;
/**
 * Request bodies that are not resources, with the reason they may carry unknown fields.
 * Every other operation's body must refuse the server-owned fields.
 */
const OPEN_BODIES: Record<string, string> = {
  issueAccessToken:
    'an OAuth token request, not a resource: RFC 6749 section 3.2 has the server ignore unknown parameters',
};
/** Rules under which the request validator refuses a server-owned field. */
const REFUSING_RULES = ['readOnly', 'additionalProperties', 'unevaluatedProperties'];

describe('property-level authorization: clients cannot set server-owned fields', () => {
  let gateway: TestGateway;
  let customerId: string;
  let itemId: string;
  let agreementId: string;
  let warehouseId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const http = () => gateway.http();
    customerId = (await http().post('/system/v1/customers').send(customerBody())).body.id;
    itemId = (await http().post('/system/v1/items').send(itemBody())).body.id;
    agreementId = (
      await http().post('/system/v1/price-agreements').send(priceAgreementBody(customerId, itemId))
    ).body.id;
    warehouseId = (await http().post('/system/v1/warehouses').send(warehouseBody())).body.id;
  });
  afterAll(() => gateway.close());

  interface Case {
    operationId: string;
    method: 'post' | 'patch';
    path: () => string;
    body: () => Record<string, unknown>;
    field: string;
    value: unknown;
    /** Where the error points, when the field is nested. */
    at?: string;
  }

  const cases: [string, Case][] = [
    [
      'an id on createCustomer',
      {
        operationId: 'createCustomer',
        method: 'post',
        path: () => '/system/v1/customers',
        body: () => customerBody(),
        field: 'id',
        value: '0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0001',
      },
    ],
    [
      'a status on createCustomer',
      {
        operationId: 'createCustomer',
        method: 'post',
        path: () => '/system/v1/customers',
        body: () => customerBody(),
        field: 'status',
        value: 'blocked',
      },
    ],
    [
      'a ship-to id inside createCustomer',
      {
        operationId: 'createCustomer',
        method: 'post',
        path: () => '/system/v1/customers',
        body: () => {
          const body = customerBody();
          const [shipTo] = body.shipTos as Record<string, unknown>[];
          return { ...body, shipTos: [{ ...shipTo, id: 'mine' }] };
        },
        field: 'shipTos',
        value: undefined,
        at: '/body/shipTos/0/id',
      },
    ],
    [
      'a version on createItem',
      {
        operationId: 'createItem',
        method: 'post',
        path: () => '/system/v1/items',
        body: () => itemBody(),
        field: 'version',
        value: 7,
      },
    ],
    [
      'createdAt on createPriceAgreement',
      {
        operationId: 'createPriceAgreement',
        method: 'post',
        path: () => '/system/v1/price-agreements',
        body: () => priceAgreementBody(customerId, itemId),
        field: 'createdAt',
        value: '2020-01-01T00:00:00Z',
      },
    ],
    [
      'updatedAt on createWarehouse',
      {
        operationId: 'createWarehouse',
        method: 'post',
        path: () => '/system/v1/warehouses',
        body: () => warehouseBody(),
        field: 'updatedAt',
        value: '2020-01-01T00:00:00Z',
      },
    ],
    [
      'a version on updateCustomer (the version comes from If-Match)',
      {
        operationId: 'updateCustomer',
        method: 'patch',
        path: () => `/system/v1/customers/${customerId}`,
        body: () => ({ name: 'Renamed' }),
        field: 'version',
        value: 99,
      },
    ],
    [
      'a customerId on updatePriceAgreement (fixed once created)',
      {
        operationId: 'updatePriceAgreement',
        method: 'patch',
        path: () => `/system/v1/price-agreements/${agreementId}`,
        body: () => ({ validTo: '2026-11-30' }),
        field: 'customerId',
        value: '0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0002',
      },
    ],
    [
      'an id on updateWarehouse',
      {
        operationId: 'updateWarehouse',
        method: 'patch',
        path: () => `/system/v1/warehouses/${warehouseId}`,
        body: () => ({ name: 'Renamed' }),
        field: 'id',
        value: '0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0003',
      },
    ],
  ];

  it.each(cases)('answers 400 naming the field for %s, and changes nothing', async (_label, c) => {
    const body = c.value === undefined ? c.body() : { ...c.body(), [c.field]: c.value };
    const request = gateway.http()[c.method](c.path());
    if (c.method === 'patch') void request.set('if-match', '"1"');
    const response = gateway.expectContract(c.operationId, await request.send(body));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const at = c.at ?? `/body/${c.field}`;
    expect(response.body.errors).toEqual([
      {
        path: at,
        rule: expect.stringMatching(/^(additional|unevaluated)Properties$/),
        message: 'is not a field of this request',
      },
    ]);
    expect(response.body.detail).toContain(at);
    if (c.method === 'patch') {
      const after = await gateway.http().get(c.path());
      expect(after.body.version).toBe(1);
    }
  });

  it('refuses every server-owned field in the request body of every operation that has one', () => {
    // Generated from the contracts: a new operation is covered the day it is added.
    const withBodies = [...gateway.contracts.operations.values()].filter(
      (operation) =>
        operation.operation.requestBody?.content?.['application/json']?.schema &&
        !(operation.operationId in OPEN_BODIES),
    );
    expect(withBodies.length).toBeGreaterThan(0);
    const accepted: string[] = [];
    for (const operation of withBodies) {
      for (const field of SERVER_OWNED) {
        const errors = gateway.contracts.validateRequest(operation.operationId, {
          params: {},
          query: {},
          body: { [field]: field === 'version' ? 1 : 'x' },
        });
        const refused = errors.some(
          (error) => error.path === `/body/${field}` && REFUSING_RULES.includes(error.rule),
        );
        if (!refused) accepted.push(`${operation.operationId} accepts ${field}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});
