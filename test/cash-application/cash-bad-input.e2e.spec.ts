import { randomInt, randomUUID } from 'node:crypto';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient, cashApplier, PAYMENTS, paymentBody } from './cash.client';

/** A series of this run's own, letters only (so references may spell it): 'QKZRT'. */
function freshSeries(): string {
  return Array.from({ length: 5 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/**
 * What a client can get wrong is refused with problem+json naming the field and the rule, and
 * nothing of the request is written: no payment, no application, no invoice touched.
 */
describe('cash application: bad input', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  const written = async () => {
    const [row] = await cash.sql<{
      payments: string;
      lines: string;
      applications: string;
      events: string;
      outbox: string;
    }>(
      `SELECT (SELECT count(*) FROM payments)::text AS payments,
              (SELECT count(*) FROM remittance_lines)::text AS lines,
              (SELECT count(*) FROM cash_applications)::text AS applications,
              (SELECT count(*) FROM process_events)::text AS events,
              (SELECT count(*) FROM outbox_messages)::text AS outbox`,
    );
    return row;
  };

  it.each([
    [
      'an amount with more decimals than the currency allows',
      { amount: { amount: '100.001', currency: 'USD' } },
      '/body/amount/amount',
      'MONEY.TOO_MANY_DECIMALS',
    ],
    [
      'a yen amount with decimals',
      { amount: { amount: '1500.5', currency: 'JPY' } },
      '/body/amount/amount',
      'MONEY.TOO_MANY_DECIMALS',
    ],
    [
      'a negative payment',
      { amount: { amount: '-25.00', currency: 'USD' } },
      '/body/amount/amount',
      'CASH.AMOUNT_NOT_POSITIVE',
    ],
    [
      'a zero payment',
      { amount: { amount: '0.00', currency: 'USD' } },
      '/body/amount/amount',
      'CASH.AMOUNT_NOT_POSITIVE',
    ],
    [
      'an unknown currency',
      { amount: { amount: '25.00', currency: 'XYZ' } },
      '/body/amount/currency',
      'MONEY.UNKNOWN_CURRENCY',
    ],
    [
      'a line amount with too many decimals',
      { remittanceLines: [{ invoiceReference: 'INV-1', amountPaid: '10.555' }] },
      '/body/remittanceLines/0/amountPaid',
      'MONEY.TOO_MANY_DECIMALS',
    ],
    [
      'a negative discount',
      {
        remittanceLines: [
          { invoiceReference: 'INV-1', amountPaid: '10.00', discountTaken: '-1.00' },
        ],
      },
      '/body/remittanceLines/0/discountTaken',
      'CASH.NEGATIVE_AMOUNT',
    ],
    [
      'two lines with one number',
      {
        remittanceLines: [
          { lineNumber: 3, invoiceReference: 'INV-1', amountPaid: '5.00' },
          { lineNumber: 3, invoiceReference: 'INV-2', amountPaid: '5.00' },
        ],
      },
      '/body/remittanceLines/1/lineNumber',
      'CASH.DUPLICATE_LINE_NUMBER',
    ],
    ['a missing method', { method: undefined }, '/body/method', 'required'],
    [
      'a float amount',
      { amount: { amount: 25.5, currency: 'USD' } },
      '/body/amount/amount',
      'type',
    ],
  ])('refuses %s, naming the field and the rule', async (_case, overrides, path, rule) => {
    const customer = await cash.customer();
    const before = await written();
    const response = await cash.recordPayment(paymentBody(customer, '25.00', [], overrides));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, rule })]),
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a line naming an invoice of another customer, posting nothing', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    const [own] = await cash.invoices(payer, [{ total: '100.00' }]);
    const [theirs] = await cash.invoices(stranger, [{ total: '50.00' }]);
    const before = await written();
    const response = await cash.recordPayment(
      paymentBody(payer, '150.00', [
        { invoiceReference: own.number, amountPaid: '100.00' },
        { invoiceId: theirs.id, amountPaid: '50.00' },
      ]),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
      errors: [
        expect.objectContaining({
          path: '/body/remittanceLines/1/invoiceId',
          rule: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
        }),
      ],
    });
    expect(await written()).toEqual(before);
    expect(await cash.invoice(own.id)).toMatchObject({
      status: 'issued',
      open_balance: '100.0000',
    });
  });

  it('refuses a line whose invoice number names an invoice of another customer, writing nothing', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    const [own] = await cash.invoices(payer, [{ total: '100.00' }]);
    const [theirs] = await cash.invoices(stranger, [{ total: '50.00' }]);
    const before = await written();
    // As printed, as payers shorten it, and the number alone (found in one series only).
    for (const reference of [
      theirs.number,
      `inv ${theirs.sequenceNumber}`,
      theirs.sequenceNumber,
    ]) {
      const response = await cash.recordPayment(
        paymentBody(payer, '150.00', [
          { invoiceReference: own.number, amountPaid: '100.00' },
          { invoiceReference: reference, amountPaid: '50.00' },
        ]),
      );
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        code: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
        errors: [
          expect.objectContaining({
            path: '/body/remittanceLines/1/invoiceReference',
            rule: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
          }),
        ],
      });
      expect(response.body.detail).toContain(theirs.number);
    }
    expect(await written()).toEqual(before);
    expect(await cash.invoice(own.id)).toMatchObject({
      status: 'issued',
      open_balance: '100.0000',
    });
    expect(await cash.invoice(theirs.id)).toMatchObject({ open_balance: '50.0000' });
  });

  it('refuses a line whose invoice number names an invoice of the payer in another currency', async () => {
    const payer = await cash.customer({ currency: 'EUR' });
    const [own] = await cash.invoices(payer, [{ total: '80.00' }]);
    const before = await written();
    const response = await cash.recordPayment(
      paymentBody(payer, '80.00', [{ invoiceReference: own.number, amountPaid: '80.00' }]),
    );
    expect(response.body).toMatchObject({
      status: 422,
      code: 'CASH.CURRENCY_MISMATCH',
      errors: [expect.objectContaining({ path: '/body/remittanceLines/0/invoiceReference' })],
    });
    expect(await written()).toEqual(before);
  });

  it('accepts a number found in several series, or in none, and queues the payment', async () => {
    const payer = await cash.customer();
    const first = await cash.customer();
    const second = await cash.customer();
    const number = String(randomInt(300_000, 900_000));
    const [one] = await cash.invoices(first, [
      { total: '60.00', series: freshSeries(), numberAtLeast: number },
    ]);
    const [other] = await cash.invoices(second, [
      { total: '60.00', series: freshSeries(), numberAtLeast: number },
    ]);
    expect(one.sequenceNumber).toBe(other.sequenceNumber);
    for (const reference of [one.sequenceNumber, 'INV-99999999']) {
      const response = await cash.recordPayment(
        paymentBody(payer, '60.00', [{ invoiceReference: reference, amountPaid: '60.00' }]),
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        status: 'unapplied',
        customer: { id: payer.customerId },
        applications: [],
      });
      expect(response.body.reviewTask).toMatchObject({ status: 'open' });
    }
    // Its series spelled out, the number names one invoice: another customer's.
    const spelled = await cash.recordPayment(
      paymentBody(payer, '60.00', [{ invoiceReference: one.number, amountPaid: '60.00' }]),
    );
    expect(spelled.body).toMatchObject({ status: 422, code: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER' });
    expect(await cash.invoice(one.id)).toMatchObject({ open_balance: '60.0000' });
    expect(await cash.invoice(other.id)).toMatchObject({ open_balance: '60.0000' });
  });

  it('queues a number one slip away from an invoice of the payer, though another customer has it', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    const series = freshSeries();
    // The stranger's invoice takes the series' next number. A last digit below 9 keeps it one
    // digit off the payer's (451238 -> 451239); from ...99 the carry makes it three edits
    // (451299 -> 451300), which is no slip, and the line is rightly refused.
    const ownNumber = String(randomInt(30_000, 90_000) * 10 + randomInt(9));
    const [own] = await cash.invoices(payer, [
      { total: '75.00', series, numberAtLeast: ownNumber },
    ]);
    const [theirs] = await cash.invoices(stranger, [{ total: '75.00', series }]);
    const response = await cash.recordPayment(
      paymentBody(payer, '75.00', [
        { invoiceReference: theirs.sequenceNumber, amountPaid: '75.00' },
      ]),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'unapplied', applications: [] });
    expect(response.body.reviewTask).toMatchObject({ status: 'open' });
    expect(await cash.invoice(own.id)).toMatchObject({ open_balance: '75.0000' });
    expect(await cash.invoice(theirs.id)).toMatchObject({ open_balance: '75.0000' });
  });

  it('still applies a line naming an invoice of the payer by its number', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    const [own] = await cash.invoices(payer, [{ total: '42.00' }]);
    await cash.invoices(stranger, [{ total: '42.00' }]);
    const response = await cash.recordPayment(
      paymentBody(payer, '42.00', [{ invoiceReference: own.number, amountPaid: '42.00' }]),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'applied',
      applications: [expect.objectContaining({ invoiceId: own.id })],
    });
    expect(await cash.invoice(own.id)).toMatchObject({ status: 'paid', open_balance: '0.0000' });
  });

  it('queues, not refuses, a remittance file line naming an invoice of another customer', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    await cash.invoices(payer, [{ total: '30.00' }]);
    const [theirs] = await cash.invoices(stranger, [{ total: '30.00' }]);
    const content = bai2File({
      fileId: `F${randomUUID().slice(0, 8)}`,
      credits: [
        {
          cents: centsOf('30.00'),
          bankReference: `RB-${randomUUID().slice(0, 8)}`,
          customerNumber: payer.customerNumber,
          documents: [{ reference: theirs.number, amount: '30.00' }],
        },
      ],
    });
    const response = await cash.importFile(content, 'text/plain');
    expect(response.status).toBe(201);
    expect(response.body.application).toMatchObject({
      payments: 1,
      applied: { count: 0 },
      inReview: { count: 1 },
    });
    expect(await cash.invoice(theirs.id)).toMatchObject({ open_balance: '30.0000' });
  });

  it('refuses applying cash to an invoice of another customer, and over a balance, all or nothing', async () => {
    const payer = await cash.customer();
    const stranger = await cash.customer();
    const [own, second] = await cash.invoices(payer, [{ total: '100.00' }, { total: '40.00' }]);
    const [theirs] = await cash.invoices(stranger, [{ total: '50.00' }]);
    const recorded = await cash.recordPayment(paymentBody(payer, '200.00'));
    expect(recorded.body.status).toBe('unapplied');
    const etag = `"${recorded.body.version}"`;
    const ana = cashApplier('ana');

    const foreign = await cash.applyCash(
      recorded.body.id,
      {
        applications: [
          { invoiceId: own.id, amount: '100.00' },
          { invoiceId: theirs.id, amount: '50.00' },
        ],
      },
      { 'if-match': etag },
      ana,
    );
    expect(foreign.body).toMatchObject({
      status: 422,
      code: 'CASH.INVOICE_OF_ANOTHER_CUSTOMER',
      errors: [expect.objectContaining({ path: '/body/applications/1/invoiceId' })],
    });
    const over = await cash.applyCash(
      recorded.body.id,
      {
        applications: [
          { invoiceId: own.id, amount: '100.00' },
          { invoiceId: second.id, amount: '45.00' },
        ],
      },
      { 'if-match': etag },
      ana,
    );
    expect(over.body).toMatchObject({ status: 409, code: 'CASH.INVOICE_BALANCE_EXCEEDED' });
    const decimals = await cash.applyCash(
      recorded.body.id,
      { applications: [{ invoiceId: own.id, amount: '1.001' }] },
      { 'if-match': etag },
      ana,
    );
    expect(decimals.body).toMatchObject({
      status: 400,
      errors: [
        expect.objectContaining({
          path: '/body/applications/0/amount',
          rule: 'MONEY.TOO_MANY_DECIMALS',
        }),
      ],
    });
    const unconditional = await cash.applyCash(
      recorded.body.id,
      { applications: [{ invoiceId: own.id, amount: '1.00' }] },
      {},
      ana,
    );
    expect(unconditional.status).toBe(428);
    // Nothing of the refused requests was written.
    expect(await cash.invoice(own.id)).toMatchObject({
      status: 'issued',
      open_balance: '100.0000',
    });
    expect(await cash.invoice(second.id)).toMatchObject({ open_balance: '40.0000' });
    const after = await cash.getPayment(recorded.body.id);
    expect(after.body).toMatchObject({ version: recorded.body.version, applications: [] });
  });

  it('refuses a customer outside the caller accounts as not found', async () => {
    const customer = await cash.customer();
    const other = await cash.customer();
    const partner = {
      subject: 'acme-ap',
      kind: 'partner_client' as const,
      scopes: ['payments:write', 'payments:read'],
      customerIds: [other.customerId],
    };
    const response = await cash.recordPayment(paymentBody(customer, '10.00'), partner);
    expect(response.body).toMatchObject({ status: 404, code: 'RESOURCE.NOT_FOUND' });
    // Its own account: the sender is the payer when nothing else says who paid.
    const own = await cash.recordPayment(
      paymentBody(null, '10.00', [], { payer: { name: 'Acme AP' } }),
      partner,
    );
    expect(own.body).toMatchObject({
      customer: { id: other.customerId },
      identification: { rule: 'submitter' },
    });
    const read = await cash.getPayment(own.body.id, partner);
    expect(read.status).toBe(200);
    const foreign = await cash.getPayment(own.body.id, {
      ...partner,
      customerIds: [customer.customerId],
    });
    expect(foreign.status).toBe(404);
  });

  it('replays a payment sent again with its Idempotency-Key, and refuses the key with another body', async () => {
    const customer = await cash.customer();
    const key = randomUUID();
    const body = paymentBody(customer, '12.00');
    const first = await cash.recordPayment(body, undefined, key);
    const again = await cash.recordPayment(body, undefined, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await cash.recordPayment({ ...body, bankReference: 'changed' }, undefined, key);
    expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    const missing = await cash.checked('recordPayment', cash.agent().post(PAYMENTS).send(body));
    expect(missing.status).toBe(400);
  });
});
