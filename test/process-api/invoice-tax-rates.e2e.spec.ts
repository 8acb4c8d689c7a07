import { Client } from 'pg';
import { BillingFixtures } from '../factories/billing.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { CreditMemoApi, financeUser } from './credit-memo-api.client';

describe('Tax rates for invoicing (/process/v1/tax-rates)', () => {
  let gateway: TestGateway;
  let client: Client;
  let fixtures: BillingFixtures;
  let billing: CreditMemoApi;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new Client({ connectionString: gateway.database.url });
    await client.connect();
    fixtures = new BillingFixtures(client);
    billing = new CreditMemoApi(gateway, fixtures);
  });

  afterAll(async () => {
    await client.end();
    await gateway.close();
  });

  const finance = () => gateway.as(financeUser(gateway));

  it('lists the starting rates by region and answers which rate applies, and why', async () => {
    const list = gateway.expectContract(
      'listTaxRates',
      await finance().get('/process/v1/tax-rates?limit=3'),
    );
    expect(list.body.items.map((rate: { region: string }) => rate.region)).toEqual([
      '*',
      'CA-EAST',
      'CA-WEST',
    ]);
    const next = gateway.expectContract(
      'listTaxRates',
      await finance().get(`/process/v1/tax-rates?limit=10&cursor=${list.body.nextCursor}`),
    );
    expect(next.body.items.map((rate: { region: string }) => rate.region)).toEqual([
      'US-CENTRAL',
      'US-EAST',
      'US-SOUTH',
      'US-WEST',
    ]);
    const west = gateway.expectContract(
      'getApplicableTaxRate',
      await finance().get('/process/v1/tax-rates/applicable?region=US-WEST&on=2031-03-05'),
    );
    expect(west.body).toEqual(
      expect.objectContaining({
        region: 'US-WEST',
        ratePercent: '7.25',
        rule: expect.objectContaining({ region: 'US-WEST' }),
      }),
    );
    const nowhere = gateway.expectContract(
      'getApplicableTaxRate',
      await finance().get('/process/v1/tax-rates/applicable?on=2031-03-05'),
    );
    expect(nowhere.body).toEqual(
      expect.objectContaining({
        region: null,
        ratePercent: '0',
        rule: expect.objectContaining({ region: '*' }),
      }),
    );
  });

  it('applies a new rate to invoices issued from its start, leaving issued ones alone', async () => {
    const order = await fixtures.order({
      region: 'EU-NORTH',
      lines: [{ quantity: '10', unitPrice: '10' }],
    });
    const before = await billing.invoice(order, ['2']);
    expect(before.invoice.totals.taxTotal.amount).toBe('0.00');

    const today = new Date().toISOString().slice(0, 10);
    const created = gateway.expectContract(
      'createTaxRate',
      await finance()
        .post('/process/v1/tax-rates')
        .send({ region: 'EU-NORTH', ratePercent: '25', validFrom: today, description: 'VAT' }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/process/v1/tax-rates/${created.body.id}`);

    const after = await billing.invoice(order, ['3']);
    expect(after.invoice.totals.taxTotal.amount).toBe('7.50');
    expect((await billing.getInvoice(before.invoiceId)).body.totals.taxTotal.amount).toBe('0.00');

    const audit = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'tax_rates' AND object_id = $1`,
      [created.body.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('changes a rate only with the current ETag', async () => {
    const created = await finance()
      .post('/process/v1/tax-rates')
      .send({ region: 'MX-NORTE', ratePercent: '16', validFrom: '2031-01-01' });
    const path = `/process/v1/tax-rates/${created.body.id}`;
    expect(
      gateway.expectContract(
        'updateTaxRate',
        await finance().patch(path).send({ ratePercent: '8' }),
      ).status,
    ).toBe(428);
    const stale = await finance().patch(path).set('if-match', '"7"').send({ ratePercent: '8' });
    expect(gateway.expectContract('updateTaxRate', stale).status).toBe(412);
    const ended = gateway.expectContract(
      'updateTaxRate',
      await finance()
        .patch(path)
        .set('if-match', created.headers.etag)
        .send({ validTo: '2031-12-31' }),
    );
    expect(ended.body).toEqual(
      expect.objectContaining({ ratePercent: '16', validTo: '2031-12-31', version: 2 }),
    );
    const backwards = await finance()
      .patch(path)
      .set('if-match', ended.headers.etag)
      .send({ validTo: '2030-12-31' });
    expect(gateway.expectContract('updateTaxRate', backwards).status).toBe(400);
    expect(backwards.body.errors[0]).toEqual(
      expect.objectContaining({ path: '/body/validTo', rule: 'TAX.INVALID_RATE' }),
    );
  });

  it.each([
    [{ region: 'us-west', ratePercent: '7', validFrom: '2031-01-01' }, '/body/region'],
    [{ region: 'US-WEST', ratePercent: '100', validFrom: '2031-01-01' }, '/body/ratePercent'],
    [{ region: 'US-WEST', ratePercent: '7.12345', validFrom: '2031-01-01' }, '/body/ratePercent'],
    [
      { region: 'US-WEST', ratePercent: '7', validFrom: '2031-01-01', validTo: '2030-01-01' },
      '/body/validTo',
    ],
  ])('refuses %j naming %s', async (body, path) => {
    const response = gateway.expectContract(
      'createTaxRate',
      await finance().post('/process/v1/tax-rates').send(body),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe(path);
  });
});
