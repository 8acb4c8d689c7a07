import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { itemBody } from '../factories/item.factory';
import { priceAgreementBody } from '../factories/price-agreement.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import {
  insertUnidentifiedPayment,
  salesRep,
  type SeededAccount,
  seedAccount,
} from './ownership-accounts.fixture';

interface AccountBoundResource {
  path: string;
  list: string;
  get: string;
  idOf: (account: SeededAccount) => string;
  /** The customer a listed item belongs to. */
  ownerOf: (item: Record<string, unknown>) => unknown;
}

const RESOURCES: Record<string, AccountBoundResource> = {
  customers: {
    path: 'customers',
    list: 'listCustomers',
    get: 'getCustomer',
    idOf: (account) => account.customerId,
    ownerOf: (item) => item.id,
  },
  'price agreements': {
    path: 'price-agreements',
    list: 'listPriceAgreements',
    get: 'getPriceAgreement',
    idOf: (account) => account.agreementId,
    ownerOf: (item) => item.customerId,
  },
  orders: {
    path: 'orders',
    list: 'listOrders',
    get: 'getOrder',
    idOf: (account) => account.orderId,
    ownerOf: (item) => item.customerId,
  },
  shipments: {
    path: 'shipments',
    list: 'listShipments',
    get: 'getShipment',
    idOf: (account) => account.shipmentId,
    ownerOf: (item) => item.customerId,
  },
  invoices: {
    path: 'invoices',
    list: 'listInvoices',
    get: 'getInvoice',
    idOf: (account) => account.invoiceId,
    ownerOf: (item) => item.customerId,
  },
  payments: {
    path: 'payments',
    list: 'listPayments',
    get: 'getPayment',
    idOf: (account) => account.paymentId,
    ownerOf: (item) => item.customerId,
  },
};
const NAMES = Object.keys(RESOURCES);

describe('object-level authorization: a principal sees and touches only its own accounts', () => {
  let gateway: TestGateway;
  let a: SeededAccount;
  let b: SeededAccount;
  let unidentifiedPaymentId: string;
  let customerNumberOfB: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    a = await seedAccount(gateway);
    b = await seedAccount(gateway);
    unidentifiedPaymentId = await insertUnidentifiedPayment(gateway);
    const customerB = await gateway.http().get(`/system/v1/customers/${b.customerId}`);
    customerNumberOfB = String(customerB.body.customerNumber);
  });
  afterAll(() => gateway.close());

  const repOfA = () => gateway.as(salesRep(gateway, [a.customerId]));

  async function list(
    resource: AccountBoundResource,
    agent: ReturnType<TestGateway['http']>,
    query: Record<string, string> = {},
  ): Promise<Response> {
    const response = gateway.expectContract(
      resource.list,
      await agent.get(`/system/v1/${resource.path}`).query({ limit: '200', ...query }),
    );
    expect(response.status).toBe(200);
    return response;
  }

  function listed(response: Response): Record<string, unknown>[] {
    return response.body.items as Record<string, unknown>[];
  }

  describe.each(NAMES)('%s', (name) => {
    const resource = RESOURCES[name];

    it("lists only the principal's own accounts' objects", async () => {
      const items = listed(await list(resource, repOfA()));
      expect(items.map((item) => item.id)).toContain(resource.idOf(a));
      expect(items.map((item) => item.id)).not.toContain(resource.idOf(b));
      expect(new Set(items.map(resource.ownerOf))).toEqual(new Set([a.customerId]));
    });

    it("answers a filter naming another account's customer with an empty page, not an error", async () => {
      const filter: Record<string, string> =
        name === 'customers' ? { q: customerNumberOfB } : { customerId: b.customerId };
      const page = await list(resource, repOfA(), filter);
      expect(page.body).toEqual({ items: [], nextCursor: null });
      // The same filter finds the object for internal staff: the page is empty by scope alone.
      expect(listed(await list(resource, gateway.http(), filter)).length).toBeGreaterThan(0);
    });

    it("reads another account's object as 404, exactly like an id that does not exist", async () => {
      const foreign = gateway.expectContract(
        resource.get,
        await repOfA().get(`/system/v1/${resource.path}/${resource.idOf(b)}`),
      );
      const unknownId = randomUUID();
      const unknown = gateway.expectContract(
        resource.get,
        await repOfA().get(`/system/v1/${resource.path}/${unknownId}`),
      );
      expect(foreign.status).toBe(404);
      expect(unknown.status).toBe(404);
      const withoutId = (response: Response, id: string) => ({
        ...(response.body as Record<string, unknown>),
        detail: String(response.body.detail).replace(id, '<id>'),
        instance: undefined,
        requestId: undefined,
      });
      expect(withoutId(foreign, resource.idOf(b))).toEqual(withoutId(unknown, unknownId));
    });

    it('reads its own object, and internal staff read every account', async () => {
      const own = await repOfA().get(`/system/v1/${resource.path}/${resource.idOf(a)}`);
      expect(gateway.expectContract(resource.get, own).status).toBe(200);
      const staff = await gateway.http().get(`/system/v1/${resource.path}/${resource.idOf(b)}`);
      expect(gateway.expectContract(resource.get, staff).status).toBe(200);
      const both = listed(await list(resource, gateway.http())).map((item) => item.id);
      expect(both).toEqual(expect.arrayContaining([resource.idOf(a), resource.idOf(b)]));
    });

    it('lets a principal assigned to several accounts see each of them', async () => {
      const rep = gateway.as(salesRep(gateway, [a.customerId, b.customerId]));
      const ids = listed(await list(resource, rep)).map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining([resource.idOf(a), resource.idOf(b)]));
    });

    it('shows a principal bound to no account nothing', async () => {
      const nobody = gateway.as(salesRep(gateway, []));
      expect((await list(resource, nobody)).body.items).toEqual([]);
      const read = await nobody.get(`/system/v1/${resource.path}/${resource.idOf(a)}`);
      expect(gateway.expectContract(resource.get, read).status).toBe(404);
    });
  });

  describe('payments of a payer not yet identified', () => {
    it('are seen by internal staff only', async () => {
      const payments = RESOURCES.payments;
      const staff = listed(await list(payments, gateway.http())).map((item) => item.id);
      expect(staff).toContain(unidentifiedPaymentId);
      const rep = listed(await list(payments, repOfA())).map((item) => item.id);
      expect(rep).not.toContain(unidentifiedPaymentId);
      const read = await repOfA().get(`/system/v1/payments/${unidentifiedPaymentId}`);
      expect(gateway.expectContract('getPayment', read).status).toBe(404);
    });
  });

  describe('writes', () => {
    async function versionOf(path: string): Promise<number> {
      const response = await gateway.http().get(path);
      expect(response.status).toBe(200);
      return Number(response.body.version);
    }

    it("refuses to change another account's customer with 404, changing nothing", async () => {
      const path = `/system/v1/customers/${b.customerId}`;
      const before = await versionOf(path);
      const update = gateway.expectContract(
        'updateCustomer',
        await repOfA().patch(path).set('if-match', `"${before}"`).send({ name: 'Taken over' }),
      );
      expect(update.status).toBe(404);
      const shipTo = gateway.expectContract(
        'addCustomerShipTo',
        await repOfA()
          .post(`${path}/ship-tos`)
          .send({
            code: 'HIJACK',
            name: 'Not ours',
            address: { line1: '1 Elm St', city: 'Reno', postalCode: '89501', country: 'US' },
            region: 'US-WEST',
          }),
      );
      expect(shipTo.status).toBe(404);
      expect(await versionOf(path)).toBe(before);
    });

    it("refuses to change another account's price agreement with 404, changing nothing", async () => {
      const path = `/system/v1/price-agreements/${b.agreementId}`;
      const before = await versionOf(path);
      const update = gateway.expectContract(
        'updatePriceAgreement',
        await repOfA()
          .patch(path)
          .set('if-match', `"${before}"`)
          .send({ unitPrice: { amount: '0.01', currency: 'USD' } }),
      );
      expect(update.status).toBe(404);
      expect(await versionOf(path)).toBe(before);
    });

    it("answers a reference to another account's customer exactly as one to an unknown customer", async () => {
      const item = await gateway.http().post('/system/v1/items').send(itemBody());
      const create = async (customerId: string) =>
        gateway.expectContract(
          'createPriceAgreement',
          await repOfA()
            .post('/system/v1/price-agreements')
            .send(priceAgreementBody(customerId, item.body.id)),
        );
      const foreign = await create(b.customerId);
      const unknownId = randomUUID();
      const unknown = await create(unknownId);
      expect(foreign.status).toBe(unknown.status);
      expect(foreign.body.code).toBe(unknown.body.code);
      expect(foreign.body.errors).toEqual([
        {
          path: '/body/customerId',
          rule: 'exists',
          message: `customer ${b.customerId} does not exist`,
        },
      ]);
      expect(unknown.body.errors).toEqual([
        {
          path: '/body/customerId',
          rule: 'exists',
          message: `customer ${unknownId} does not exist`,
        },
      ]);
      const own = await create(a.customerId);
      expect(own.status).toBe(201);
      expect(own.body.customerId).toBe(a.customerId);
    });

    it('lets a sales rep change its own account', async () => {
      const path = `/system/v1/customers/${a.customerId}`;
      const before = await versionOf(path);
      const update = gateway.expectContract(
        'updateCustomer',
        await repOfA().patch(path).set('if-match', `"${before}"`).send({ riskTier: 'high' }),
      );
      expect(update.status).toBe(200);
      expect(update.body).toMatchObject({ riskTier: 'high', version: before + 1 });
    });
  });
});
