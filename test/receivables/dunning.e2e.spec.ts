import { daysFromNow, fieldErrors, ReceivablesClient, UNKNOWN_ID } from './receivables.client';

interface Notice {
  invoiceId: string;
  level: number;
  levelName: string;
  daysOverdue: number;
  message: string;
  customerId: string;
}

/** Dunning runs: the level each overdue invoice reached, once per invoice and level. */
describe('collections: dunning runs', () => {
  let client: ReceivablesClient;

  beforeAll(async () => {
    client = await ReceivablesClient.start();
  });
  afterAll(() => client.close());

  /** A customer with invoices 5, 20, 45 and 70 days past due, one not due, one paid, one disputed. */
  async function overdueCustomer(name = 'Dunned Tools') {
    const customer = (await client.factory.customer({ name })).id;
    const invoice = (daysPastDue: number, extra: Record<string, unknown> = {}) =>
      client.factory.invoice({
        customerId: customer,
        dueDate: daysFromNow(-daysPastDue),
        lines: [{ quantity: '1', unitPrice: '100.00' }],
        ...extra,
      });
    const invoices = {
      d5: await invoice(5),
      d20: await invoice(20),
      d45: await invoice(45),
      d70: await invoice(70),
      notDue: await invoice(-3),
      paid: await invoice(30, { amountApplied: '100.00' }),
      disputed: await invoice(20),
    };
    const dispute = await client.raise({
      invoiceId: invoices.disputed.invoice.id,
      category: 'damage',
      amount: { amount: '100.00', currency: 'USD' },
      description: 'Damaged',
    });
    expect(dispute.status).toBe(201);
    return { customer, invoices, dispute: dispute.body as { id: string } };
  }

  const noticesOf = (customerId: string) =>
    client.sql<{ invoice_id: string; level: number }>(
      'SELECT invoice_id, level FROM dunning_notices WHERE customer_id = $1 ORDER BY level',
      [customerId],
    );
  const outboxOf = (customerId: string) =>
    client.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE event_type = 'collections.dunning_notice' AND payload->>'customerId' = $1`,
      [customerId],
    );

  it('issues the level each overdue invoice reached, with its message, as one outbox event per notice', async () => {
    const { customer, invoices } = await overdueCustomer();
    const run = await client.dunningRun({ asOf: daysFromNow(0) });
    expect(run.status).toBe(201);
    expect(run.headers.location).toBe(`/process/v1/collections/dunning-runs/${run.body.id}`);
    expect(run.body).toMatchObject({
      asOf: daysFromNow(0),
      requestedBy: 'internal:test-admin',
      finishedAt: expect.any(String),
    });
    const mine = (run.body.notices as Notice[]).filter((notice) => notice.customerId === customer);
    expect(
      mine.map((notice) => [notice.invoiceId, notice.level, notice.levelName, notice.daysOverdue]),
    ).toEqual([
      [invoices.d70.invoice.id, 4, 'collections', 70],
      [invoices.d45.invoice.id, 3, 'final-notice', 45],
      [invoices.d20.invoice.id, 2, 'second-notice', 20],
      [invoices.d5.invoice.id, 1, 'reminder', 5],
    ]);
    expect(mine[2]?.message).toBe(
      `Dear Dunned Tools, invoice ${invoices.d20.invoiceNumber} for 100.00 USD is now 20 days overdue. Please pay it or tell us what is holding it up.`,
    );
    const outbox = await outboxOf(customer);
    expect(outbox).toHaveLength(4);
    expect(outbox.map((row) => row.payload.level).sort()).toEqual([1, 2, 3, 4]);
    expect(outbox[0]?.payload).toMatchObject({
      eventType: 'collections.dunning_notice',
      amount: { amount: '100.00', currency: 'USD' },
      runId: run.body.id,
    });
    const events = await client.sql(
      `SELECT count(*)::int AS n FROM process_events WHERE activity = 'invoice.dunned' AND related_objects @> $1::jsonb`,
      [JSON.stringify([{ type: 'customer', id: customer }])],
    );
    expect(events[0]).toEqual({ n: 4 });

    const again = await client.dunningRun({ asOf: daysFromNow(0) });
    expect(again.status).toBe(201);
    expect(
      (again.body.notices as Notice[]).filter((notice) => notice.customerId === customer),
    ).toEqual([]);
    expect(await noticesOf(customer)).toHaveLength(4);
    expect(await outboxOf(customer)).toHaveLength(4);

    const read = client.checked(
      'getDunningRun',
      await client.agent().get(`/process/v1/collections/dunning-runs/${run.body.id}`),
    );
    expect(read.body).toEqual(run.body);
    const listed = await client.collections('listDunningNotices', '/dunning-notices', {
      customerId: customer,
      limit: 3,
    });
    expect(listed.body.items).toHaveLength(3);
    const rest = await client.collections('listDunningNotices', '/dunning-notices', {
      customerId: customer,
      limit: 3,
      cursor: listed.body.nextCursor,
    });
    expect(rest.body.items).toHaveLength(1);
    expect(
      (
        await client.collections('listDunningNotices', '/dunning-notices', {
          customerId: customer,
          level: 4,
        })
      ).body.items,
    ).toHaveLength(1);
    expect((await client.collections('getDunningRun', `/dunning-runs/${UNKNOWN_ID}`)).status).toBe(
      404,
    );
  });

  it('leaves disputed invoices alone until their dispute is rejected, then duns them', async () => {
    const { customer, invoices, dispute } = await overdueCustomer('Disputing Ltd');
    await client.dunningRun({});
    expect((await noticesOf(customer)).map((row) => row.invoice_id)).not.toContain(
      invoices.disputed.invoice.id,
    );
    const rejected = await client.reject(dispute.id, '"1"', {
      comment: 'Signed for in good order',
    });
    expect(rejected.status).toBe(200);
    const next = await client.dunningRun({});
    const notices = (next.body.notices as Notice[]).filter(
      (notice) => notice.customerId === customer,
    );
    expect(notices.map((notice) => [notice.invoiceId, notice.level])).toEqual([
      [invoices.disputed.invoice.id, 2],
    ]);
  });

  it('never sends a notice twice when two runs race', async () => {
    const customers = await Promise.all([overdueCustomer('Race One'), overdueCustomer('Race Two')]);
    const [first, second] = await Promise.all([client.dunningRun({}), client.dunningRun({})]);
    expect([first.status, second.status]).toEqual([201, 201]);
    for (const { customer } of customers) {
      const notices = await noticesOf(customer);
      expect(notices.map((row) => row.level)).toEqual([1, 2, 3, 4]);
      expect(await outboxOf(customer)).toHaveLength(4);
      const issued = [
        ...(first.body.notices as Notice[]),
        ...(second.body.notices as Notice[]),
      ].filter((notice) => notice.customerId === customer);
      expect(issued).toHaveLength(4);
      const tasks = await client.sql(
        `SELECT id FROM tasks WHERE queue = 'collections' AND subject_id = $1 AND status IN ('open', 'claimed')`,
        [customer],
      );
      expect(tasks).toHaveLength(1);
    }
  });

  it('replays a run for the same Idempotency-Key', async () => {
    const key = `dunning-${Date.now()}`;
    const first = client.checked(
      'startDunningRun',
      await client
        .agent()
        .post('/process/v1/collections/dunning-runs')
        .set('idempotency-key', key)
        .send({}),
    );
    const again = client.checked(
      'startDunningRun',
      await client
        .agent()
        .post('/process/v1/collections/dunning-runs')
        .set('idempotency-key', key)
        .send({}),
    );
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it.each([
    [{ asOf: daysFromNow(1) }, '/body/asOf not-in-future'],
    [{ asOf: daysFromNow(-400) }, '/body/asOf within-a-year'],
    [{ asOf: '2026-13-01' }, '/body/asOf format'],
    [{ customerId: UNKNOWN_ID }, '/body/customerId additionalProperties'],
  ])('refuses %j naming the field, issuing nothing', async (body, error) => {
    const before = await client.sql('SELECT count(*)::int AS n FROM dunning_runs');
    const response = await client.dunningRun(body);
    expect(response.status).toBe(400);
    expect(fieldErrors(response)).toEqual([error]);
    expect(await client.sql('SELECT count(*)::int AS n FROM dunning_runs')).toEqual(before);
  });

  it('is refused to callers without collections:write', async () => {
    const response = await client.dunningRun(
      {},
      { subject: 'fin', kind: 'internal', roles: ['finance'], scopes: ['collections:read'] },
    );
    expect(response.status).toBe(403);
  });
});
