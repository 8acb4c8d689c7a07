import { CashClient, transpose, PAYMENTS, paymentBody } from './cash.client';

/**
 * The acceptance cases of cash application, over HTTP: each payment is recorded with
 * POST /process/v1/payments and its effects read back (applications, invoices, payment,
 * disputes, the queue, the outbox).
 */
describe('cash application: acceptance cases', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  async function outbox(paymentId: string): Promise<string[]> {
    const rows = await cash.sql<{ event_type: string }>(
      `SELECT event_type FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence`,
      [paymentId],
    );
    return rows.map((row) => row.event_type);
  }

  it('exact match: the invoice is paid and the payment applied, with rule and evidence', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const response = await cash.recordPayment(
      paymentBody(customer, '1000.00', [
        { invoiceReference: invoice.number, amountPaid: '1000.00' },
      ]),
    );
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`${PAYMENTS}/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: 'applied',
      customer: { id: customer.customerId },
      identification: { rule: 'given' },
      amountApplied: { amount: '1000.00', currency: 'USD' },
      unapplied: { amount: '0.00' },
      reviewTask: null,
    });
    expect(response.body.applications).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        remittanceLineNumber: 1,
        amount: { amount: '1000.00', currency: 'USD' },
        rule: 'exact-invoice-number',
        settlement: 'full',
        origin: 'automatic',
        confidence: 1,
        status: 'applied',
      }),
    ]);
    expect(response.body.applications[0].reasons.join(' ')).toContain(invoice.number);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      open_balance: '0.0000',
      amount_applied: '1000.0000',
    });
    expect(await outbox(response.body.id)).toEqual(['payment.received', 'payment.applied']);
    const [received] = await cash.sql<{ data: Record<string, unknown>; related: unknown[] }>(
      `SELECT data, related_objects AS related FROM process_events
        WHERE object_id = $1 AND activity = 'payment.received'`,
      [response.body.id],
    );
    expect(received).toEqual({
      data: expect.objectContaining({
        paymentId: response.body.id,
        customerId: customer.customerId,
        amount: '1000.00',
        source: 'api',
        sourceFileId: null,
        identification: expect.objectContaining({ rule: 'given' }),
        remittanceLines: 1,
      }),
      related: [{ type: 'customer', id: customer.customerId, qualifier: 'payer' }],
    });
  });

  it('partial payment: applied, the rest stays open on the invoice', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const response = await cash.recordPayment(
      paymentBody(customer, '400.00', [{ invoiceReference: invoice.number, amountPaid: '400.00' }]),
    );
    expect(response.body).toMatchObject({ status: 'applied' });
    expect(response.body.applications[0]).toMatchObject({
      amount: { amount: '400.00' },
      settlement: 'partial-payment',
    });
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'partially_paid',
      open_balance: '600.0000',
    });
  });

  it('one payment to three invoices', async () => {
    const customer = await cash.customer();
    const invoices = await cash.invoices(customer, [
      { total: '100.00' },
      { total: '250.50' },
      { total: '649.50' },
    ]);
    const response = await cash.recordPayment(
      paymentBody(
        customer,
        '1000.00',
        invoices.map((invoice) => ({
          invoiceReference: invoice.number,
          amountPaid: invoice.total,
        })),
      ),
    );
    expect(response.body.status).toBe('applied');
    expect(
      response.body.applications.map(
        (application: { invoiceId: string; amount: { amount: string } }) => [
          application.invoiceId,
          application.amount.amount,
        ],
      ),
    ).toEqual(invoices.map((invoice) => [invoice.id, invoice.total]));
    for (const invoice of invoices) expect((await cash.invoice(invoice.id))?.status).toBe('paid');
  });

  it('early-payment discount within terms settles the invoice', async () => {
    const customer = await cash.customer({ paymentTerms: '2/10 NET30' });
    const [invoice] = await cash.invoices(customer, [
      { total: '1000.00', issueDate: '2026-03-01', paymentTerms: '2/10 NET30' },
    ]);
    const response = await cash.recordPayment(
      paymentBody(
        customer,
        '980.00',
        [{ invoiceReference: invoice.number, amountPaid: '980.00', discountTaken: '20.00' }],
        { valueDate: '2026-03-08' },
      ),
    );
    expect(response.body.status).toBe('applied');
    expect(response.body.applications[0]).toMatchObject({
      amount: { amount: '980.00' },
      discount: { amount: '20.00' },
      settlement: 'early-payment-discount',
      rule: 'exact-invoice-number',
    });
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      open_balance: '0.0000',
    });
  });

  it('a discount taken outside terms is a pricing deduction: applied cash, the rest disputed', async () => {
    const customer = await cash.customer({ paymentTerms: '2/10 NET30' });
    const [invoice] = await cash.invoices(customer, [
      { total: '1000.00', issueDate: '2026-03-01', paymentTerms: '2/10 NET30' },
    ]);
    const response = await cash.recordPayment(
      paymentBody(
        customer,
        '980.00',
        [{ invoiceReference: invoice.number, amountPaid: '980.00', discountTaken: '20.00' }],
        { valueDate: '2026-03-25' },
      ),
    );
    expect(response.body.status).toBe('applied');
    expect(response.body.applications[0]).toMatchObject({
      amount: { amount: '980.00' },
      discount: { amount: '0.00' },
      settlement: 'short-payment',
    });
    expect(response.body.deductions).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amount: { amount: '20.00', currency: 'USD' },
        category: 'pricing',
        reasonCode: 'UNEARNED_DISCOUNT',
        status: 'open',
      }),
    ]);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'disputed',
      open_balance: '20.0000',
    });
  });

  it('more discount taken than earned: the earned part granted, the excess a pricing deduction', async () => {
    const customer = await cash.customer({ paymentTerms: '2/10 NET30' });
    await cash.tolerance(customer.customerId, '5.00', '1');
    const [invoice] = await cash.invoices(customer, [
      { total: '1000.00', issueDate: '2026-03-01', paymentTerms: '2/10 NET30' },
    ]);
    const response = await cash.recordPayment(
      paymentBody(
        customer,
        '970.00',
        [{ invoiceReference: invoice.number, amountPaid: '970.00', discountTaken: '30.00' }],
        { valueDate: '2026-03-07' },
      ),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'applied',
      amountApplied: { amount: '970.00' },
      unapplied: { amount: '0.00' },
      reviewTask: null,
    });
    expect(response.body.applications).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amount: { amount: '970.00', currency: 'USD' },
        discount: { amount: '20.00', currency: 'USD' },
        writeOff: { amount: '0.00', currency: 'USD' },
        settlement: 'short-payment',
        rule: 'exact-invoice-number',
        evidence: expect.objectContaining({
          discountEarned: '20.00',
          discountTaken: '30.00',
          discountUnearned: '10.00',
        }),
      }),
    ]);
    expect(response.body.applications[0].reasons).toContain(
      'Discount taken 30.00 is more than the 20.00 earned under 2/10 NET30: 10.00 unearned',
    );
    expect(response.body.deductions).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amount: { amount: '10.00', currency: 'USD' },
        category: 'pricing',
        reasonCode: 'UNEARNED_DISCOUNT',
        status: 'open',
      }),
    ]);
    // 970.00 cash and the 20.00 discount settle the invoice; the 10.00 stays open, disputed.
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'disputed',
      open_balance: '10.0000',
      amount_applied: '990.0000',
    });
  });

  it('a short payment within the customer tolerance is written off', async () => {
    const customer = await cash.customer();
    await cash.tolerance(customer.customerId, '25.00', '1');
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const response = await cash.recordPayment(
      paymentBody(customer, '995.00', [{ invoiceReference: invoice.number, amountPaid: '995.00' }]),
    );
    expect(response.body.applications[0]).toMatchObject({
      amount: { amount: '995.00' },
      writeOff: { amount: '5.00' },
      settlement: 'write-off',
    });
    expect(response.body.deductions).toEqual([]);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      open_balance: '0.0000',
    });
  });

  it('a short payment beyond tolerance opens a deduction with the category of its reason code', async () => {
    const customer = await cash.customer();
    await cash.tolerance(customer.customerId, '25.00', '1');
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const response = await cash.recordPayment(
      paymentBody(customer, '900.00', [
        {
          invoiceReference: invoice.number,
          amountPaid: '900.00',
          adjustments: [{ amount: '100.00', reasonCode: '04', description: 'two cartons damaged' }],
        },
      ]),
    );
    expect(response.body.status).toBe('applied');
    expect(response.body.applications[0]).toMatchObject({
      amount: { amount: '900.00' },
      settlement: 'short-payment',
    });
    expect(response.body.deductions).toEqual([
      expect.objectContaining({
        amount: { amount: '100.00', currency: 'USD' },
        category: 'damage',
      }),
    ]);
    const [dispute] = await cash.sql<{ source: string; payment_id: string; status: string }>(
      'SELECT source, payment_id, status FROM disputes WHERE invoice_id = $1',
      [invoice.id],
    );
    expect(dispute).toEqual({ source: 'deduction', payment_id: response.body.id, status: 'open' });
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'disputed',
      open_balance: '100.0000',
    });
  });

  it('an overpayment leaves the excess as credit on the customer account', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '500.00' }]);
    const response = await cash.recordPayment(
      paymentBody(customer, '550.00', [{ invoiceReference: invoice.number, amountPaid: '500.00' }]),
    );
    expect(response.body).toMatchObject({
      status: 'on_account',
      amountApplied: { amount: '500.00' },
      unapplied: { amount: '50.00' },
      onAccount: { amount: '50.00' },
      inReview: { amount: '0.00' },
      reviewTask: null,
    });
    expect((await cash.invoice(invoice.id))?.status).toBe('paid');
  });

  it('a payment from an unknown payer stays unidentified and waits in the queue', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '300.00' }]);
    const response = await cash.recordPayment(
      paymentBody(null, '300.00', [{ invoiceReference: invoice.number, amountPaid: '300.00' }], {
        payer: { name: 'Zenith Holdings Ltd', account: { iban: 'GB33BUKB20201555555555' } },
      }),
    );
    expect(response.body).toMatchObject({
      status: 'unapplied',
      customer: null,
      identification: null,
      applications: [],
      inReview: { amount: '300.00' },
      reviewTask: { status: 'open', assigneeRole: 'cash-applier', priority: 2 },
    });
    const task = await cash.getTask(response.body.reviewTask.id);
    expect(task.body).toMatchObject({
      queue: 'cash-application',
      subject: { type: 'payment', id: response.body.id },
      evidence: {
        inReview: '300.00',
        reviews: [expect.objectContaining({ reviewReason: 'unidentified-payer' })],
      },
    });
    // The invoice it names is suggested, with the customer it belongs to.
    expect(task.body.evidence.reviews[0].suggestions).toEqual([
      expect.objectContaining({ invoiceId: invoice.id, customerId: customer.customerId }),
    ]);
    expect(await cash.invoice(invoice.id)).toMatchObject({ status: 'issued' });
  });

  it('fuzzy references: an OCR-damaged and a transposed number with agreeing amounts are applied', async () => {
    const customer = await cash.customer();
    const [first, second] = await cash.invoices(customer, [
      { total: '120.00', numberAtLeast: '48213' },
      { total: '75.25', numberAtLeast: '48213' },
    ]);
    const ocr = first.number.replace(/1/g, 'I');
    const digits = second.sequenceNumber;
    const transposed = `INV-000${transpose(digits)}`;
    const response = await cash.recordPayment(
      paymentBody(customer, '195.25', [
        { invoiceReference: ocr, amountPaid: '120.00' },
        { invoiceReference: transposed, amountPaid: '75.25' },
      ]),
    );
    expect(response.body.status).toBe('applied');
    expect(
      response.body.applications.map((application: Record<string, unknown>) => [
        application.invoiceId,
        application.rule,
        (application.evidence as { editKind?: string }).editKind,
      ]),
    ).toEqual([
      [first.id, 'fuzzy-invoice-number', 'ocr'],
      [second.id, 'fuzzy-invoice-number', 'transposition'],
    ]);
    for (const application of response.body.applications) {
      expect(application.confidence).toBeGreaterThanOrEqual(0.9);
      expect(application.confidence).toBeLessThan(1);
    }
  });

  it('a fuzzy reference whose amount does not agree goes to the queue with ranked suggestions', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '640.00', numberAtLeast: '71520' }]);
    const digits = invoice.sequenceNumber;
    const transposed = transpose(digits);
    const response = await cash.recordPayment(
      paymentBody(customer, '300.00', [{ invoiceReference: transposed, amountPaid: '300.00' }]),
    );
    expect(response.body).toMatchObject({ status: 'unapplied', applications: [] });
    const task = await cash.getTask(response.body.reviewTask.id);
    const [review] = task.body.evidence.reviews;
    expect(review).toMatchObject({ amount: '300.00', reviewReason: 'below-threshold' });
    expect(review.suggestions[0]).toMatchObject({
      id: 's1',
      invoiceId: invoice.id,
      rule: 'fuzzy-invoice-number',
      amount: '300.00',
    });
    expect(review.suggestions[0].confidence).toBeLessThan(0.9);
    expect(review.suggestions[0].reasons.length).toBeGreaterThan(0);
  });
});
