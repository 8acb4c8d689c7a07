import {
  customerUser,
  DISPUTES,
  fieldErrors,
  partner,
  ReceivablesClient,
  staff,
  UNKNOWN_ID,
} from './receivables.client';

/** Marks a field the bad-input cases leave out. */
const DROP = '(left out)';

/** Raising, reading and listing disputes, with ownership and bad input. */
describe('disputes: raise, read, list', () => {
  let client: ReceivablesClient;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    client = await ReceivablesClient.start();
    customerA = (await client.factory.customer({ name: 'Acme Hardware' })).id;
    customerB = (await client.factory.customer()).id;
  });
  afterAll(() => client.close());

  const countDisputes = async (invoiceId: string) =>
    (
      await client.sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM disputes WHERE invoice_id = $1',
        [invoiceId],
      )
    )[0]?.n;

  it('lets a customer raise a dispute on its own invoice: routed task, disputed invoice, timeline, outbox, audit', async () => {
    const { invoice, invoiceNumber, lines } = await client.openInvoice(customerA);
    const raised = await client.raise(
      {
        invoiceId: invoice.id,
        category: 'shortage',
        amount: { amount: '60.00', currency: 'USD' },
        reasonCode: '06',
        description: 'Two cases missing from the delivery',
        lines: [
          {
            invoiceLineId: lines[0]?.id,
            quantity: '2',
            amount: { amount: '60.00', currency: 'USD' },
          },
        ],
      },
      customerUser(customerA),
    );
    expect(raised.status).toBe(201);
    expect(raised.headers.etag).toBe('"1"');
    expect(raised.headers.location).toBe(`${DISPUTES}/${raised.body.id}`);
    expect(raised.body).toMatchObject({
      disputeNumber: expect.stringMatching(/^DSP-\d{8}$/),
      status: 'open',
      category: 'shortage',
      source: 'customer',
      amount: { amount: '60.00', currency: 'USD' },
      customer: { id: customerA, name: 'Acme Hardware' },
      invoice: {
        id: invoice.id,
        invoiceNumber,
        status: 'disputed',
        openBalance: { amount: '500.00', currency: 'USD' },
      },
      paymentId: null,
      owner: null,
      overdue: false,
      allowedActions: [
        'start_review',
        'resolve_with_credit_memo',
        'reject_and_rebill',
        'write_off',
      ],
      lines: [
        {
          invoiceLineId: lines[0]?.id,
          lineNumber: 1,
          quantity: '2',
          amount: { amount: '60.00', currency: 'USD' },
        },
      ],
      task: { status: 'open', assigneeRole: 'deductions-analyst', priority: 2, assignee: null },
      creditMemo: null,
      evidence: { channel: 'customer_user' },
    });
    expect(raised.body.raisedBy).toMatch(/^customer_user:/);
    // Shortage claims are due in 72 hours (the seeded routing policy).
    const hours = (Date.parse(raised.body.dueAt) - Date.parse(raised.body.createdAt)) / 3_600_000;
    expect(Math.round(hours)).toBe(72);
    expect(raised.body.timeline).toEqual([
      expect.objectContaining({
        activity: 'dispute.opened',
        comment: 'Two cases missing from the delivery',
      }),
    ]);
    const outbox = await client.sql(
      'SELECT event_type, payload FROM outbox_messages WHERE aggregate_id = $1',
      [raised.body.id],
    );
    expect(outbox).toEqual([
      expect.objectContaining({
        event_type: 'dispute.opened',
        payload: expect.objectContaining({
          disputeNumber: raised.body.disputeNumber,
          invoiceId: invoice.id,
        }),
      }),
    ]);
    const audited = await client.sql<{ object_type: string }>(
      `SELECT DISTINCT object_type FROM audit_log WHERE operation = 'raiseDispute' AND correlation_id = $1`,
      [raised.headers['x-request-id']],
    );
    expect(audited.map((row) => row.object_type).sort()).toEqual([
      'dispute_lines',
      'disputes',
      'invoices',
      'tasks',
    ]);

    const read = await client.get(raised.body.id, customerUser(customerA));
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(raised.body);
  });

  it('lets a partner raise one for its account, and replays it for the same Idempotency-Key', async () => {
    const { invoice } = await client.openInvoice(customerA);
    const body = {
      invoiceId: invoice.id,
      category: 'pricing',
      amount: { amount: '12.50', currency: 'USD' },
      description: 'Contract price is 28.75',
    };
    const first = await client.raise(body, partner([customerA]), 'dispute-key-1');
    const again = await client.raise(body, partner([customerA]), 'dispute-key-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await countDisputes(invoice.id)).toBe(1);
  });

  it("answers 404 for another account's invoice and dispute, in lists too, and writes nothing", async () => {
    const { invoice } = await client.openInvoice(customerB);
    const foreign = await client.raise(
      {
        invoiceId: invoice.id,
        category: 'damage',
        amount: { amount: '10.00', currency: 'USD' },
        description: 'Broken',
      },
      customerUser(customerA),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('RESOURCE.NOT_FOUND');
    expect(await countDisputes(invoice.id)).toBe(0);

    const theirs = await client.raise({
      invoiceId: invoice.id,
      category: 'damage',
      amount: { amount: '10.00', currency: 'USD' },
      description: 'Broken',
    });
    expect(theirs.status).toBe(201);
    expect((await client.get(theirs.body.id, customerUser(customerA))).status).toBe(404);
    expect((await client.get(UNKNOWN_ID)).status).toBe(404);
    const listed = await client.list({ customerId: customerB }, customerUser(customerA));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    const own = await client.list({}, customerUser(customerA));
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(
      own.body.items.every((item: { customer: { id: string } }) => item.customer.id === customerA),
    ).toBe(true);
  });

  it('does not let customers work disputes: they hold no disputes:write', async () => {
    const { invoice } = await client.openInvoice(customerA);
    const raised = await client.raise({
      invoiceId: invoice.id,
      category: 'other',
      amount: { amount: '1.00', currency: 'USD' },
      description: 'x',
    });
    const byCustomer = await client.status(
      raised.body.id,
      '"1"',
      { status: 'under_review', comment: 'mine' },
      customerUser(customerA),
    );
    expect(byCustomer.status).toBe(403);
    expect(byCustomer.body.code).toBe('AUTH.FORBIDDEN');
  });

  describe('refuses bad input naming the field and the rule, and writes nothing', () => {
    let invoiceId: string;
    let otherLineId: string;

    beforeAll(async () => {
      const { invoice } = await client.openInvoice(customerA, {
        lines: [{ quantity: '10', unitPrice: '10.00' }],
      });
      invoiceId = invoice.id;
      otherLineId = (await client.openInvoice(customerA)).lines[0]?.id ?? '';
      const existing = await client.raise({
        invoiceId,
        category: 'pricing',
        amount: { amount: '80.00', currency: 'USD' },
        description: 'first',
      });
      expect(existing.status).toBe(201);
    });

    const body = (overrides: Record<string, unknown>): Record<string, unknown> => ({
      invoiceId,
      category: 'pricing',
      amount: { amount: '5.00', currency: 'USD' },
      description: 'Price differs from the agreement',
      ...overrides,
    });

    it.each([
      [
        { amount: { amount: '5.001', currency: 'USD' } },
        400,
        '/body/amount/amount MONEY.TOO_MANY_DECIMALS',
      ],
      [{ amount: { amount: '-5.00', currency: 'USD' } }, 400, '/body/amount/amount pattern'],
      [{ amount: { amount: '0', currency: 'USD' } }, 400, '/body/amount/amount exclusiveMinimum'],
      [
        { amount: { amount: '5.00', currency: 'XYZ' } },
        400,
        '/body/amount/currency MONEY.UNKNOWN_CURRENCY',
      ],
      [
        { amount: { amount: '5.00', currency: 'EUR' } },
        422,
        '/body/amount/currency DISPUTE.CURRENCY_MISMATCH',
      ],
      // 100.00 open, 80.00 already disputed: 20.01 is too much.
      [
        { amount: { amount: '20.01', currency: 'USD' } },
        422,
        '/body/amount/amount DISPUTE.EXCEEDS_OPEN_BALANCE',
      ],
      [{ category: 'late' }, 400, '/body/category enum'],
      [{ description: DROP }, 400, '/body/description required'],
      [{ description: '   ' }, 400, '/body/description pattern'],
      [{ invoiceId: 'INV-1' }, 400, '/body/invoiceId format'],
      [{ paymentId: UNKNOWN_ID }, 400, '/body/paymentId additionalProperties'],
      [
        { lines: [{ invoiceLineId: 'OTHER' }] },
        422,
        '/body/lines/0/invoiceLineId DISPUTE.UNKNOWN_INVOICE_LINE',
      ],
      [
        { lines: [{ invoiceLineId: 'LINE', quantity: '11' }] },
        400,
        '/body/lines/0/quantity within-line',
      ],
      [
        { lines: [{ invoiceLineId: 'LINE', quantity: '0' }] },
        400,
        '/body/lines/0/quantity exclusiveMinimum',
      ],
      [
        { lines: [{ invoiceLineId: 'LINE' }, { invoiceLineId: 'LINE' }] },
        400,
        '/body/lines/1/invoiceLineId unique',
      ],
    ])('%j -> %d %s', async (overrides, status, error) => {
      const lineId = (
        await client.sql<{ id: string }>('SELECT id FROM invoice_lines WHERE invoice_id = $1', [
          invoiceId,
        ])
      )[0]?.id;
      const resolved = JSON.parse(
        JSON.stringify(overrides)
          .replaceAll('"OTHER"', JSON.stringify(otherLineId))
          .replaceAll('"LINE"', JSON.stringify(lineId)),
      ) as Record<string, unknown>;
      const request = body(resolved);
      for (const [key, value] of Object.entries(request)) if (value === DROP) delete request[key];
      const response = await client.raise(request);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fieldErrors(response)).toEqual([error]);
      expect(await countDisputes(invoiceId)).toBe(1);
    });

    it('refuses an unknown invoice with 404', async () => {
      const response = await client.raise(body({ invoiceId: UNKNOWN_ID }));
      expect(response.status).toBe(404);
    });
  });

  it('lists newest first with filters and keyset pages', async () => {
    const customer = (await client.factory.customer()).id;
    const ids: string[] = [];
    for (const category of ['pricing', 'damage', 'pricing']) {
      const { invoice } = await client.openInvoice(customer);
      const raised = await client.raise({
        invoiceId: invoice.id,
        category,
        amount: { amount: '3.00', currency: 'USD' },
        description: category,
      });
      ids.push(raised.body.id);
    }
    const first = await client.list({ customerId: customer, limit: 2 });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await client.list({
      customerId: customer,
      limit: 2,
      cursor: first.body.nextCursor,
    });
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const pricing = await client.list({
      customerId: customer,
      category: 'pricing',
      status: ['open', 'under_review'],
    });
    expect(pricing.body.items).toHaveLength(2);
    expect((await client.list({ customerId: customer, overdue: true })).body.items).toEqual([]);
    expect((await client.list({ customerId: customer, source: 'deduction' })).body.items).toEqual(
      [],
    );
    expect(fieldErrors(await client.list({ status: 'lost' }))).toEqual(['/query/status/0 enum']);
    expect(fieldErrors(await client.list({ cursor: 'bm9wZQ' }))).toEqual(['/query/cursor cursor']);
  });

  it('puts the dispute task in the dispute work queue of the work-queues API', async () => {
    const { invoice } = await client.openInvoice(customerA);
    const raised = await client.raise({
      invoiceId: invoice.id,
      category: 'returns',
      amount: { amount: '30.00', currency: 'USD' },
      description: 'RMA 1182',
    });
    const tasks = client.checked(
      'listWorkQueueTasks',
      await client
        .agent(staff('ana', 'deductions-analyst'))
        .get('/process/v1/work-queues/dispute/tasks')
        .query({ assigneeRole: 'deductions-analyst', limit: 200 }),
    );
    expect(tasks.status).toBe(200);
    const task = tasks.body.items.find(
      (item: { subject: { id: string } }) => item.subject.id === raised.body.id,
    );
    expect(task).toMatchObject({
      queue: 'dispute',
      status: 'open',
      subject: { type: 'dispute' },
      evidence: { disputeNumber: raised.body.disputeNumber, category: 'returns' },
    });

    // It is no order hold: the generic decision says where a dispute task is decided.
    const analyst = client.agent({
      ...staff('ana', 'deductions-analyst'),
      scopes: ['tasks:read', 'tasks:write'],
    });
    const read = client.checked('getTask', await analyst.get(`/process/v1/tasks/${task.id}`));
    const claimed = client.checked(
      'claimTask',
      await analyst.post(`/process/v1/tasks/${task.id}/claim`).set('if-match', read.headers.etag),
    );
    expect(claimed.status).toBe(200);
    const decided = client.checked(
      'decideTask',
      await analyst
        .post(`/process/v1/tasks/${task.id}/decision`)
        .set('if-match', claimed.headers.etag)
        .send({ decision: 'approve' }),
    );
    expect(decided.status).toBe(422);
    expect(decided.body.code).toBe('TASK.NO_HOLD');
    expect(decided.body.detail).toContain(`/process/v1/disputes/${raised.body.id}`);
  });
});
