import {
  COLLECTIONS,
  daysFromNow,
  fieldErrors,
  ReceivablesClient,
  staff,
  UNKNOWN_ID,
} from './receivables.client';

interface QueueItem {
  rank: number;
  overdueInOtherCurrencies?: { amount: string; currency: string }[];
  oldestOverdueDays?: number;
  task: { id: string; priority: number; assigneeRole: string; status: string };
  customer: { id: string };
  amountOverdue: { amount: string };
  risk: {
    score: number;
    band: string;
    reasons: { code: string; points: number; detail: string }[];
  };
  brokenPromises: number;
  openDisputes: number;
}

/** The collections queue: one task per overdue customer, ranked by explained risk; promises. */
describe('collections: work queue, payment promises, customer picture', () => {
  let client: ReceivablesClient;
  let severe: string;
  let mild: string;
  let mildInvoice: string;

  beforeAll(async () => {
    client = await ReceivablesClient.start();
    severe = (await client.factory.customer({ name: 'Severe Co', creditLimit: '1000.0000' })).id;
    await client.sql(`UPDATE customers SET risk_tier = 'critical' WHERE id = $1`, [severe]);
    mild = (await client.factory.customer({ name: 'Mild Co', creditLimit: '50000.0000' })).id;
    await client.factory.invoice({
      customerId: severe,
      dueDate: daysFromNow(-120),
      lines: [{ quantity: '1', unitPrice: '1500.00' }],
    });
    const disputedInvoice = await client.factory.invoice({
      customerId: severe,
      dueDate: daysFromNow(-10),
      lines: [{ quantity: '1', unitPrice: '80.00' }],
    });
    await client.raise({
      invoiceId: disputedInvoice.invoice.id,
      category: 'pricing',
      amount: { amount: '80.00', currency: 'USD' },
      description: 'price',
    });
    mildInvoice = (
      await client.factory.invoice({
        customerId: mild,
        dueDate: daysFromNow(-5),
        lines: [{ quantity: '1', unitPrice: '200.00' }],
      })
    ).invoice.id;
  });
  afterAll(() => client.close());

  const queue = async (query: Record<string, unknown> = {}) => {
    const response = await client.collections('listCollectionsQueue', '/work-queue', {
      limit: 200,
      ...query,
    });
    expect(response.status).toBe(200);
    return response.body.items as QueueItem[];
  };
  const mine = (items: QueueItem[]) =>
    items.filter((item) => [severe, mild].includes(item.customer.id));

  it('opens one task per overdue customer, ranked by a risk score with its reasons', async () => {
    const refresh = await client.refreshQueue({});
    expect(refresh.status).toBe(200);
    expect(refresh.body).toMatchObject({
      asOf: daysFromNow(0),
      tasksOpened: expect.any(Number),
      tasksClosed: 0,
    });
    const items = mine(await queue());
    expect(items.map((item) => item.customer.id)).toEqual([severe, mild]);
    const [top, bottom] = items;
    expect(top?.rank).toBeLessThan(bottom?.rank ?? 0);
    expect(top).toMatchObject({
      task: { priority: 1, assigneeRole: 'credit-manager', status: 'open' },
      amountOverdue: { amount: '1580.00' },
      openDisputes: 1,
      risk: { score: 80, band: 'severe' },
    });
    expect(top?.risk.reasons).toEqual([
      { code: 'days-overdue', points: 40, detail: 'oldest invoice 120 days past due' },
      { code: 'limit-share', points: 25, detail: 'overdue is 158 % of the credit limit' },
      { code: 'risk-tier', points: 10, detail: 'risk tier critical' },
      { code: 'open-disputes', points: 5, detail: '1 open dispute' },
    ]);
    expect(bottom).toMatchObject({
      task: { priority: 4, assigneeRole: 'collector' },
      risk: { score: 13, band: 'low' },
    });
    const task = client.checked(
      'getTask',
      await client.agent().get(`/process/v1/tasks/${top?.task.id}`),
    );
    expect(task.body).toMatchObject({
      queue: 'collections',
      subject: { type: 'customer', id: severe },
      evidence: { risk: { score: 80 } },
    });
    expect((await queue({ minRiskScore: 50 })).map((item) => item.customer.id)).toContain(severe);
    expect(mine(await queue({ minRiskScore: 50 })).map((item) => item.customer.id)).toEqual([
      severe,
    ]);
    expect(
      mine(await queue({ assigneeRole: 'collector' })).map((item) => item.customer.id),
    ).toEqual([mild]);
  });

  it('queues a customer whose overdue invoices are in another currency, listing them apart', async () => {
    const euro = (await client.factory.customer({ name: 'Euro Co', creditLimit: '5000.0000' })).id;
    const overdue = await client.factory.invoice({
      customerId: euro,
      dueDate: daysFromNow(-45),
      lines: [{ quantity: '1', unitPrice: '700.00' }],
    });
    await client.sql(`UPDATE invoices SET currency = 'EUR' WHERE id = $1`, [overdue.invoice.id]);
    expect((await client.refreshQueue({})).status).toBe(200);
    const [item] = (await queue()).filter((entry) => entry.customer.id === euro);
    expect(item).toMatchObject({
      amountOverdue: { amount: '0.00', currency: 'USD' },
      overdueInOtherCurrencies: [{ amount: '700.00', currency: 'EUR' }],
      oldestOverdueDays: 45,
    });
    expect(item?.risk.reasons).toContainEqual(
      expect.objectContaining({ code: 'days-overdue', detail: 'oldest invoice 45 days past due' }),
    );
    // Out of the way of the tests below, which count what a refresh changes.
    await client.sql(`UPDATE invoices SET status = 'void' WHERE id = $1`, [overdue.invoice.id]);
    await client.sql(`DELETE FROM tasks WHERE subject_id = $1`, [euro]);
  });

  it('updates nothing when nothing changed, and never opens a second task for a customer', async () => {
    await client.refreshQueue({});
    const second = await client.refreshQueue({});
    expect(second.body).toMatchObject({ tasksOpened: 0, tasksUpdated: 0 });
    const live = await client.sql(
      `SELECT subject_id FROM tasks WHERE queue = 'collections' AND status IN ('open', 'claimed') AND subject_id = ANY($1::uuid[])`,
      [[severe, mild]],
    );
    expect(live).toHaveLength(2);
    const [a, b] = await Promise.all([client.refreshQueue({}), client.refreshQueue({})]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(
      await client.sql(
        `SELECT subject_id FROM tasks WHERE queue = 'collections' AND status IN ('open', 'claimed') AND subject_id = ANY($1::uuid[])`,
        [[severe, mild]],
      ),
    ).toHaveLength(2);
  });

  it('pages the ranked queue with a keyset cursor', async () => {
    const all = await queue();
    const first = await client.collections('listCollectionsQueue', '/work-queue', { limit: 1 });
    const second = await client.collections('listCollectionsQueue', '/work-queue', {
      limit: 1,
      cursor: first.body.nextCursor,
    });
    expect([first.body.items[0].task.id, second.body.items[0].task.id]).toEqual(
      all.slice(0, 2).map((item) => item.task.id),
    );
    expect(second.body.items[0].rank).toBe(2);
  });

  it('completes the task of a customer with nothing overdue any more', async () => {
    await client.sql(
      `UPDATE invoices SET amount_applied = total, open_balance = 0, status = 'paid' WHERE id = $1`,
      [mildInvoice],
    );
    const refresh = await client.refreshQueue({});
    expect(refresh.body.tasksClosed).toBeGreaterThanOrEqual(1);
    expect(mine(await queue()).map((item) => item.customer.id)).toEqual([severe]);
    const [closed] = await client.sql(
      `SELECT status, decision FROM tasks WHERE queue = 'collections' AND subject_id = $1`,
      [mild],
    );
    expect(closed).toEqual({ status: 'completed', decision: 'cleared' });
  });

  describe('payment promises', () => {
    const promises = (customerId: string) =>
      `${COLLECTIONS}/customers/${customerId}/payment-promises`;

    it('records a promise, and settles it as broken past its date, raising the risk with its reason', async () => {
      const recorded = client.checked(
        'recordPaymentPromise',
        await client
          .agent(staff('carl', 'collector'))
          .post(promises(severe))
          .send({
            amount: { amount: '1500.00', currency: 'USD' },
            promisedDate: daysFromNow(0),
            note: 'CFO promised by phone',
          }),
      );
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({
        status: 'open',
        amount: { amount: '1500.00', currency: 'USD' },
        recordedBy: 'internal:carl',
        amountPaid: null,
      });
      // The promise was made ten days ago for five days ago, and nothing was paid since.
      await client.sql(
        `UPDATE payment_promises SET promised_date = $2, created_at = now() - interval '10 days' WHERE id = $1`,
        [recorded.body.id, daysFromNow(-5)],
      );
      const refresh = await client.refreshQueue({});
      expect(refresh.body.promisesBroken).toBe(1);
      const [top] = mine(await queue());
      expect(top).toMatchObject({
        customer: { id: severe },
        brokenPromises: 1,
        risk: { score: 90 },
      });
      expect(top?.risk.reasons).toContainEqual({
        code: 'broken-promises',
        points: 10,
        detail: '1 broken payment promise',
      });
      const broken = await client.sql(
        `SELECT payload FROM outbox_messages WHERE event_type = 'collections.promise_broken' AND aggregate_id = $1`,
        [recorded.body.id],
      );
      expect(broken).toEqual([
        {
          payload: expect.objectContaining({
            customerId: severe,
            amountPaid: '0.0000',
            accountManager: 'pat.lee@example.com',
          }),
        },
      ]);
      const listed = client.checked(
        'listPaymentPromises',
        await client.agent().get(promises(severe)).query({ status: 'broken' }),
      );
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: recorded.body.id,
          status: 'broken',
          amountPaid: { amount: '0.00', currency: 'USD' },
        }),
      ]);
    });

    it('settles a promise as kept when the payments in its window reach it', async () => {
      const recorded = await client
        .agent()
        .post(promises(severe))
        .send({ amount: { amount: '100.00', currency: 'USD' }, promisedDate: daysFromNow(3) });
      await client.sql(
        `UPDATE payment_promises SET promised_date = $2, created_at = now() - interval '5 days' WHERE id = $1`,
        [recorded.body.id, daysFromNow(-1)],
      );
      await client.factory.payment(severe, '120.00', daysFromNow(-2));
      const refresh = await client.refreshQueue({});
      expect(refresh.body.promisesKept).toBe(1);
      const [row] = await client.sql(
        `SELECT status, amount_paid::text FROM payment_promises WHERE id = $1`,
        [recorded.body.id],
      );
      expect(row).toEqual({ status: 'kept', amount_paid: '120.0000' });
    });

    it.each([
      [
        { amount: { amount: '10.00', currency: 'USD' }, promisedDate: daysFromNow(-1) },
        '/body/promisedDate not-in-past',
      ],
      [
        { amount: { amount: '10.00', currency: 'EUR' }, promisedDate: daysFromNow(1) },
        '/body/amount/currency customer-currency',
      ],
      [
        { amount: { amount: '10.001', currency: 'USD' }, promisedDate: daysFromNow(1) },
        '/body/amount/amount MONEY.TOO_MANY_DECIMALS',
      ],
      [
        { amount: { amount: '0', currency: 'USD' }, promisedDate: daysFromNow(1) },
        '/body/amount/amount exclusiveMinimum',
      ],
      [{ amount: { amount: '10.00', currency: 'USD' } }, '/body/promisedDate required'],
    ])('refuses %j naming the field', async (body, error) => {
      const response = client.checked(
        'recordPaymentPromise',
        await client.agent().post(promises(severe)).send(body),
      );
      expect(response.status).toBe(400);
      expect(fieldErrors(response)).toEqual([error]);
    });

    it("answers 404 for another account's customer and an unknown one", async () => {
      const rep = {
        subject: 'rep',
        kind: 'sales_rep' as const,
        scopes: ['collections:read', 'collections:write'],
        customerIds: [mild],
      };
      const foreign = client.checked(
        'recordPaymentPromise',
        await client
          .agent(rep)
          .post(promises(severe))
          .send({ amount: { amount: '1.00', currency: 'USD' }, promisedDate: daysFromNow(1) }),
      );
      expect(foreign.status).toBe(404);
      expect(
        client.checked('listPaymentPromises', await client.agent(rep).get(promises(severe))).status,
      ).toBe(404);
      expect(
        client.checked('listPaymentPromises', await client.agent().get(promises(UNKNOWN_ID)))
          .status,
      ).toBe(404);
    });
  });

  it("shows a customer's collections picture, and 404 for another account", async () => {
    const picture = client.checked(
      'getCustomerCollections',
      await client.agent().get(`${COLLECTIONS}/customers/${severe}`),
    );
    expect(picture.status).toBe(200);
    expect(picture.body).toMatchObject({
      customer: {
        id: severe,
        name: 'Severe Co',
        riskTier: 'critical',
        creditLimit: { amount: '1000.00', currency: 'USD' },
      },
      asOf: daysFromNow(0),
      aging: [expect.objectContaining({ currency: 'USD', total: '1580.00', overdue: '1580.00' })],
      risk: { score: 90, band: 'severe' },
      openDisputes: { count: 1, amounts: [{ amount: '80.00', currency: 'USD' }] },
      task: { status: 'open', priority: 1 },
    });
    expect(picture.body.promises.length).toBeGreaterThanOrEqual(2);
    const rep = {
      subject: 'rep',
      kind: 'sales_rep' as const,
      scopes: ['collections:read'],
      customerIds: [mild],
    };
    expect(
      client.checked(
        'getCustomerCollections',
        await client.agent(rep).get(`${COLLECTIONS}/customers/${severe}`),
      ).status,
    ).toBe(404);
  });
});
