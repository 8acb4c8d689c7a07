import { randomUUID } from 'node:crypto';
import { itemBody } from '../factories/item.factory';
import { priceAgreementBody } from '../factories/price-agreement.factory';
import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { auditTrailHarness } from './audit-trail.harness';

describe('audit trail: a write that fails leaves no trace', () => {
  let gateway: TestGateway;
  let stock: StockFixtures;
  let audit: ReturnType<typeof auditTrailHarness>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    stock = await StockFixtures.connect(gateway.database.url);
    audit = auditTrailHarness(gateway);
  });
  afterAll(async () => {
    await stock.close();
    await gateway.close();
  });

  it('leaves no row for a write rolled back after it had changed rows (409 on overlap)', async () => {
    const customerId = (await audit.createCustomer()).response.body.id as string;
    const itemId = (await gateway.http().post('/system/v1/items').send(itemBody())).body.id;
    const agreements = gateway.http();
    const first = await agreements
      .post('/system/v1/price-agreements')
      .send(priceAgreementBody(customerId, itemId, { validTo: '2026-06-30' }));
    await gateway
      .http()
      .post('/system/v1/price-agreements')
      .send(priceAgreementBody(customerId, itemId, { validFrom: '2026-07-01' }));
    // The breaks are replaced (rows deleted and inserted, audit rows written) before the
    // overlap is found: the rollback must take the audit rows with it.
    const refused = await audit.write({
      operationId: 'updatePriceAgreement',
      method: 'patch',
      path: `/system/v1/price-agreements/${first.body.id}`,
      body: {
        validTo: '2026-08-31',
        breaks: [{ minQuantity: '50', unitPrice: { amount: '0.70', currency: 'USD' } }],
      },
      ifMatch: '"1"',
    });
    expect(refused.response.status).toBe(409);
    expect(await audit.rows(refused.requestId)).toEqual([]);
  });

  it.each([
    ['a stale If-Match (412)', 412, { riskTier: 'low' }, '"9"'],
    ['a body the contract refuses (400)', 400, { version: 2 }, '"1"'],
  ])('leaves no row for %s', async (_label, status, body, ifMatch) => {
    const customerId = (await audit.createCustomer()).response.body.id as string;
    const refused = await audit.write({
      operationId: 'updateCustomer',
      method: 'patch',
      path: `/system/v1/customers/${customerId}`,
      body,
      ifMatch,
    });
    expect(refused.response.status).toBe(status);
    expect(await audit.rows(refused.requestId)).toEqual([]);
  });

  it('leaves no row for a refused stock adjustment (409) nor for a read', async () => {
    const { warehouseId, itemId } = await stock.stockedItem('2');
    const refused = await audit.write({
      operationId: 'postInventoryAdjustment',
      method: 'post',
      path: '/system/v1/inventory-adjustments',
      body: { warehouseId, itemId, quantity: '-5', reasonCode: 'shrinkage' },
    });
    expect(refused.response.status).toBe(409);
    expect(await audit.rows(refused.requestId)).toEqual([]);
    const readId = `audit-read-${randomUUID()}`;
    await gateway.http().get('/system/v1/warehouses').set('x-request-id', readId);
    expect(await audit.rows(readId)).toEqual([]);
  });
});
