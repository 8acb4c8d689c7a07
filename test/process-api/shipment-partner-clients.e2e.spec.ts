import { OAuthTestClient } from '../governance/oauth-token.client';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  carrierEvent,
  ShipmentEventsClient,
  shippedEvent,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Warehouse systems and carriers as registered API clients: API owners register them with
 * their kind and binding (warehouses, SCAC) and the scopes of their role; client credentials
 * give a token that speaks for exactly that binding.
 */
describe('process API: warehouse and carrier API clients', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let oauth: OAuthTestClient;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    oauth = new OAuthTestClient(gateway, []);
    orders = new OrderProcessClient(gateway);
    shipments = new ShipmentEventsClient(gateway);
    warehouse = await fixtures.warehouse(['US-WEST']);
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  async function register(body: Record<string, unknown>) {
    return gateway.expectContract(
      'createApiClient',
      await gateway
        .http()
        .post('/governance/v1/api-clients')
        .send({ name: 'Partner system', customerIds: [], rateLimitPlan: 'standard', ...body }),
    );
  }

  async function tokenFor(client: { clientId: string; clientSecret: string }): Promise<string> {
    const response = await oauth.clientCredentials(client);
    expect(response.status).toBe(200);
    return response.body.access_token as string;
  }

  it('registers a warehouse system and a carrier whose tokens report shipments end to end', async () => {
    const wmsClient = await register({
      name: 'Reno 3PL WMS',
      kind: 'warehouse',
      warehouseCodes: [warehouse.code],
      scopes: ['shipment-events:warehouse', 'shipments:read'],
    });
    expect(wmsClient.status).toBe(201);
    expect(wmsClient.body).toMatchObject({
      kind: 'warehouse',
      warehouseCodes: [warehouse.code],
      carrierCode: null,
      customerIds: [],
    });
    const upsClient = await register({
      name: 'UPS tracking feed',
      kind: 'carrier',
      carrierCode: 'UPSN',
      scopes: ['shipment-events:carrier', 'shipments:read'],
    });
    expect(upsClient.body).toMatchObject({
      kind: 'carrier',
      carrierCode: 'UPSN',
      warehouseCodes: [],
    });
    const read = gateway.expectContract(
      'getApiClient',
      await gateway.http().get(`/governance/v1/api-clients/${upsClient.body.clientId}`),
    );
    expect(read.body.kind).toBe('carrier');

    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '5.00' });
    await fixtures.stock(warehouse.id, item.id, '10');
    const order = (await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '2' }])))
      .body;

    const wms = gateway.as(await tokenFor(wmsClient.body));
    const event = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '2' },
    ]);
    const shipped = await shipments.send(event, wms);
    expect(shipped.status).toBe(200);
    expect(shipped.body.order.status).toBe('invoiced');

    const ups = gateway.as(await tokenFor(upsClient.body));
    const delivered = await shipments.send(
      carrierEvent('delivered', event.trackingNumber as string),
      ups,
    );
    expect(delivered.body).toMatchObject({ outcome: 'applied', shipment: { status: 'delivered' } });
    const { rows } = await fixtures.client.query<{ source: string }>(
      'SELECT source FROM inbound_events WHERE external_event_id = ANY($1) ORDER BY received_at',
      [[event.eventId, delivered.body.eventId]],
    );
    expect(rows.map((row) => row.source)).toEqual([
      `wms:${wmsClient.body.clientId}`,
      `carrier:${upsClient.body.clientId}`,
    ]);
    // Neither is a customer's system: the internal order API is not theirs.
    expect((await wms.get(`/process/v1/orders/${order.id}`)).status).toBe(403);
    expect((await shipments.shipment(shipped.body.shipment.id, ups)).status).toBe(200);
  });

  it.each([
    [
      'a partner scope for a carrier',
      { kind: 'carrier', carrierCode: 'UPSN', scopes: ['orders:read'] },
      '/body/scopes/0',
      'partner-scope',
    ],
    [
      'event scopes for a partner',
      { scopes: ['shipment-events:warehouse'] },
      '/body/scopes/0',
      'partner-scope',
    ],
    [
      'a warehouse client without warehouses',
      { kind: 'warehouse', scopes: ['shipments:read'] },
      '/body/warehouseCodes',
      'client-kind',
    ],
    [
      'a carrier bound to customer accounts',
      {
        kind: 'carrier',
        carrierCode: 'UPSN',
        scopes: ['shipments:read'],
        customerIds: ['5f0c2b1e-4a52-4c1b-9a0e-2f6d1b7c9e10'],
      },
      '/body/customerIds',
      'client-kind',
    ],
  ])('refuses %s', async (_label, body, path, rule) => {
    const response = await register(body);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, rule })]),
    );
  });

  it('refuses warehouse codes that do not exist', async () => {
    const response = await register({
      kind: 'warehouse',
      warehouseCodes: [warehouse.code, 'NO-SUCH-DC'],
      scopes: ['shipment-events:warehouse'],
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '/body/warehouseCodes/1', rule: 'exists' }),
    ]);
  });
});
