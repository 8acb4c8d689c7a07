import { randomUUID } from 'node:crypto';
import { CashClient, transpose, cashApplier, paymentBody, PROFILES } from './cash.client';

/**
 * The cash-application queue: a person confirms a suggestion, edits or splits it, leaves the
 * rest on account, reverses an application, or names the customer of an unknown payer; every
 * change audited, logged and published.
 */
describe('cash application: the work queue', () => {
  let cash: CashClient;
  const ana = cashApplier('ana');

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  /** A payment whose transposed reference and partial amount send it to the queue. */
  async function paymentInReview(amount = '300.00') {
    const customer = await cash.customer();
    const [invoice, other] = await cash.invoices(customer, [
      { total: '640.00', numberAtLeast: '71520' },
      { total: '125.00' },
    ]);
    const digits = invoice.sequenceNumber;
    const transposed = transpose(digits);
    const response = await cash.recordPayment(
      paymentBody(customer, amount, [{ invoiceReference: transposed, amountPaid: amount }]),
    );
    expect(response.body.status).toBe('unapplied');
    const task = await cash.getTask(response.body.reviewTask.id);
    return { customer, invoice, other, payment: response.body, task: task.body };
  }

  it('confirms a suggestion: applied as proposed, the task completed, the person recorded', async () => {
    const { invoice, payment, task } = await paymentInReview();
    expect(task).toMatchObject({ status: 'open', assigneeRole: 'cash-applier' });
    const confirmed = await cash.confirm(
      task.id,
      `"${task.version}"`,
      { suggestionIds: ['s1'], comment: 'called the customer' },
      ana,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.etag).toBe(`"${confirmed.body.task.version}"`);
    expect(confirmed.body.task).toMatchObject({ status: 'completed', assignee: 'ana' });
    expect(confirmed.body.payment).toMatchObject({
      status: 'applied',
      inReview: { amount: '0.00' },
    });
    expect(confirmed.body.payment.applications).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amount: { amount: '300.00', currency: 'USD' },
        rule: 'fuzzy-invoice-number',
        origin: 'confirmed',
        appliedBy: 'ana',
      }),
    ]);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'partially_paid',
      open_balance: '340.0000',
    });
    const audit = await cash.sql<{ object_type: string; principal: string }>(
      `SELECT object_type, principal FROM audit_log WHERE operation = 'confirmCashSuggestions'
        AND object_type IN ('invoices', 'payments', 'cash_applications') ORDER BY object_type`,
    );
    expect(audit.map((row) => row.object_type)).toEqual(
      expect.arrayContaining(['cash_applications', 'invoices', 'payments']),
    );
    expect(audit.every((row) => row.principal === 'internal:ana')).toBe(true);
    const completed = await cash.getTask(task.id);
    expect(completed.body).toMatchObject({
      status: 'completed',
      decision: 'applied',
      decidedBy: 'ana',
    });
    void payment;
  });

  it('edits and splits the cash in review, leaving the rest on the customer account', async () => {
    const { invoice, other, payment, task } = await paymentInReview('500.00');
    const resolved = await cash.resolve(
      task.id,
      `"${task.version}"`,
      {
        applications: [
          { invoiceId: invoice.id, amount: '300.00' },
          { invoiceId: other.id, amount: '120.00', writeOff: '5.00' },
        ],
        remainder: 'on-account',
        comment: 'split per the customer e-mail',
      },
      ana,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.task.status).toBe('completed');
    expect(resolved.body.payment).toMatchObject({
      status: 'on_account',
      amountApplied: { amount: '420.00' },
      onAccount: { amount: '80.00' },
      inReview: { amount: '0.00' },
    });
    expect(
      resolved.body.payment.applications.map((application: Record<string, unknown>) => [
        application.invoiceId,
        application.rule,
        application.origin,
        application.settlement,
      ]),
    ).toEqual([
      [invoice.id, 'manual', 'manual', 'partial-payment'],
      [other.id, 'manual', 'manual', 'write-off'],
    ]);
    expect(await cash.invoice(other.id)).toMatchObject({ status: 'paid', open_balance: '0.0000' });

    // The credit on account is applied later, to another invoice of the customer.
    const applied = await cash.applyCash(
      payment.id,
      { applications: [{ invoiceId: invoice.id, amount: '80.00' }] },
      { 'if-match': `"${resolved.body.payment.version}"` },
      ana,
    );
    expect(applied.body).toMatchObject({ status: 'applied', onAccount: { amount: '0.00' } });
    expect(await cash.invoice(invoice.id)).toMatchObject({ open_balance: '260.0000' });
  });

  it('writes off by hand within the tolerance, or the person authority; beyond it 403 and nothing written', async () => {
    const { customer, other, payment } = await paymentInReview('300.00');
    await cash.tolerance(customer.customerId, '10.00', '10');
    const apply = (writeOff: string, version: number, as = ana) =>
      cash.applyCash(
        payment.id,
        { applications: [{ invoiceId: other.id, amount: '20.00', writeOff }] },
        { 'if-match': `"${version}"` },
        as,
      );
    // 125.00 open: 60.01 written off is beyond the 10.00 tolerance and a cash applier's 50.00.
    const refused = await apply('60.01', payment.version);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'CASH.WRITE_OFF_AUTHORITY',
      customerTolerance: '10',
      errors: [{ path: '/body/applications/0/writeOff', rule: 'CASH.WRITE_OFF_AUTHORITY' }],
    });
    expect(refused.body.detail).toBe(
      `writing off 60.01 on invoice ${other.number} needs more authority: the customer's tolerance there is 10.00, your limit 50.00 (cash-applier)`,
    );
    expect(await cash.invoice(other.id)).toMatchObject({ open_balance: '125.0000' });
    // Split across two entries on the same invoice, it is judged whole: refused alike.
    const split = await cash.applyCash(
      payment.id,
      {
        applications: [
          { invoiceId: other.id, amount: '10.00', writeOff: '30.01' },
          { invoiceId: other.id, amount: '10.00', writeOff: '30.00' },
        ],
      },
      { 'if-match': `"${payment.version}"` },
      ana,
    );
    expect(split.status).toBe(403);
    expect(split.body.errors).toEqual([
      expect.objectContaining({ path: '/body/applications/1/writeOff' }),
    ]);
    expect(split.body.detail).toContain('writing off 60.01 on invoice');
    expect(await cash.invoice(other.id)).toMatchObject({ open_balance: '125.0000' });
    // A credit manager may; the applications and the invoice say so.
    const manager = { ...cashApplier('max'), roles: ['cash-applier', 'credit-manager'] };
    const allowed = await apply('60.01', payment.version, manager);
    expect(allowed.status).toBe(200);
    expect(await cash.invoice(other.id)).toMatchObject({ open_balance: '44.9900' });
  });

  it('keeps what is left in review with fresh suggestions after a partial edit', async () => {
    const { invoice, task } = await paymentInReview('300.00');
    const resolved = await cash.resolve(
      task.id,
      `"${task.version}"`,
      { applications: [{ invoiceId: invoice.id, amount: '100.00' }] },
      ana,
    );
    expect(resolved.body.task).toMatchObject({ status: 'claimed', assignee: 'ana' });
    expect(resolved.body.payment).toMatchObject({
      status: 'partially_applied',
      inReview: { amount: '200.00' },
    });
    const read = await cash.getTask(task.id);
    expect(read.body.evidence.inReview).toBe('200.00');
    expect(read.body.version).toBeGreaterThan(task.version);
  });

  it('reverses an application: the invoice reopens, the cash returns to review, all audited', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '450.00' }]);
    const recorded = await cash.recordPayment(
      paymentBody(customer, '450.00', [{ invoiceReference: invoice.number, amountPaid: '450.00' }]),
    );
    const [application] = recorded.body.applications;
    const reversed = await cash.reverse(
      recorded.body.id,
      `"${recorded.body.version}"`,
      { applicationId: application.id, reason: 'applied to the wrong customer account' },
      ana,
    );
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({
      status: 'unapplied',
      amountApplied: { amount: '0.00' },
      inReview: { amount: '450.00' },
      reviewTask: { status: 'open' },
    });
    expect(reversed.body.applications[0]).toMatchObject({
      id: application.id,
      status: 'reversed',
      reversedBy: 'ana',
      reversalReason: 'applied to the wrong customer account',
    });
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'issued',
      open_balance: '450.0000',
      amount_applied: '0.0000',
    });
    // Proposed again, for a person: never re-applied automatically.
    const task = await cash.getTask(reversed.body.reviewTask.id);
    expect(task.body.evidence.reviews[0].suggestions[0]).toMatchObject({ invoiceId: invoice.id });
    const events = await cash.sql<{ event_type: string }>(
      `SELECT event_type FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence`,
      [recorded.body.id],
    );
    expect(events.map((row) => row.event_type)).toEqual([
      'payment.received',
      'payment.applied',
      'cash_application.reversed',
    ]);
    const audit = await cash.sql<{ object_type: string }>(
      `SELECT object_type FROM audit_log WHERE operation = 'reverseCashApplication'
        AND object_id = $1`,
      [application.id],
    );
    expect(audit).toEqual([{ object_type: 'cash_applications' }]);

    const twice = await cash.reverse(
      recorded.body.id,
      `"${reversed.body.version}"`,
      { applicationId: application.id, reason: 'again' },
      ana,
    );
    expect(twice.body).toMatchObject({ status: 409, code: 'CASH.ALREADY_REVERSED' });
  });

  it('names the customer of an unknown payer, remembers its account and applies the cash', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '215.00' }]);
    const iban = `GB${Date.now()}99`;
    const recorded = await cash.recordPayment(
      paymentBody(null, '215.00', [{ invoiceReference: invoice.number, amountPaid: '215.00' }], {
        payer: { name: 'Cascade F. Holdings', account: { iban } },
      }),
    );
    expect(recorded.body).toMatchObject({ customer: null, status: 'unapplied' });
    const taskId = recorded.body.reviewTask.id;
    const refused = await cash.confirm(
      taskId,
      `"${recorded.body.reviewTask.version}"`,
      { suggestionIds: ['s1'] },
      ana,
    );
    expect(refused.body).toMatchObject({ status: 409, code: 'CASH.PAYER_UNIDENTIFIED' });

    const identified = await cash.identifyPayer(
      recorded.body.id,
      `"${recorded.body.version}"`,
      { customerId: customer.customerId, comment: 'parent company pays for them' },
      ana,
    );
    expect(identified.status).toBe(200);
    expect(identified.body).toMatchObject({
      customer: { id: customer.customerId },
      identification: { rule: 'person', confidence: 1 },
      status: 'applied',
    });
    expect((await cash.getTask(taskId)).body).toMatchObject({
      status: 'completed',
      decision: 'payer-identified',
    });
    const [aliases] = await cash.sql<{ external_aliases: string[] }>(
      'SELECT external_aliases FROM customers WHERE id = $1',
      [customer.customerId],
    );
    expect(aliases?.external_aliases).toEqual([iban, 'Cascade F. Holdings']);

    // The next payment from that account is the customer's without a person.
    const [next] = await cash.invoices(customer, [{ total: '99.00' }]);
    const again = await cash.recordPayment(
      paymentBody(null, '99.00', [{ invoiceReference: next.number, amountPaid: '99.00' }], {
        payer: { name: 'Someone else', account: { iban } },
      }),
    );
    expect(again.body).toMatchObject({
      customer: { id: customer.customerId },
      identification: { rule: 'bank-account' },
      status: 'applied',
    });
  });

  it('guards the task commands: If-Match, role, queue and a task already done', async () => {
    const { task } = await paymentInReview();
    const stale = await cash.confirm(
      task.id,
      `"${task.version + 7}"`,
      { suggestionIds: ['s1'] },
      ana,
    );
    expect(stale.status).toBe(412);
    const missing = await cash.checked(
      'confirmCashSuggestions',
      cash
        .agent(ana)
        .post(`/process/v1/tasks/${task.id}/cash-confirmation`)
        .send({ suggestionIds: ['s1'] }),
    );
    expect(missing.status).toBe(428);
    const credit = {
      ...cashApplier('cy'),
      roles: ['credit-analyst'],
    };
    const forbidden = await cash.confirm(
      task.id,
      `"${task.version}"`,
      { suggestionIds: ['s1'] },
      credit,
    );
    expect(forbidden.body).toMatchObject({ status: 403, code: 'TASK.ROLE_REQUIRED' });
    const unknown = await cash.confirm(
      task.id,
      `"${task.version}"`,
      { suggestionIds: ['s9'] },
      ana,
    );
    expect(unknown.body).toMatchObject({
      status: 422,
      code: 'CASH.SUGGESTION_NOT_FOUND',
      errors: [expect.objectContaining({ path: '/body/suggestionIds/0' })],
    });
    const done = await cash.confirm(task.id, `"${task.version}"`, { suggestionIds: ['s1'] }, ana);
    expect(done.status).toBe(200);
    const again = await cash.confirm(
      task.id,
      `"${done.body.task.version}"`,
      { suggestionIds: ['s1'] },
      ana,
    );
    expect(again.body).toMatchObject({ status: 409, code: 'TASK.ALREADY_DECIDED' });
  });

  it('lists the queue through the work-queue API, most urgent first', async () => {
    await paymentInReview('30000.00');
    const page = await cash.checked(
      'listWorkQueueTasks',
      cash
        .agent(ana)
        .get('/process/v1/work-queues/cash-application/tasks')
        .query({ sort: 'priority' }),
    );
    expect(page.status).toBe(200);
    expect(page.body.items[0]).toMatchObject({ queue: 'cash-application', priority: 2 });
  });

  it('keeps a cash-application profile per customer, conditional on its ETag', async () => {
    const customer = await cash.customer();
    const initial = await cash.checked(
      'getCashApplicationProfile',
      cash.agent().get(`${PROFILES}/${customer.customerId}`),
    );
    expect(initial.body).toMatchObject({
      writeOffAbsolute: { amount: '0.00', currency: 'USD' },
      writeOffPercent: '0',
      discountGraceDays: 0,
      version: 0,
      updatedAt: null,
    });
    const put = await cash.putProfile(customer.customerId, '"0"', {
      writeOffAbsolute: '10.00',
      writeOffPercent: '0.5',
      discountGraceDays: 3,
    });
    expect(put.body).toMatchObject({ writeOffAbsolute: { amount: '10.00' }, version: 1 });
    const stale = await cash.putProfile(customer.customerId, '"0"', {
      writeOffAbsolute: '1.00',
      writeOffPercent: '0',
      discountGraceDays: 0,
    });
    expect(stale.status).toBe(412);
    const decimals = await cash.putProfile(customer.customerId, '"1"', {
      writeOffAbsolute: '1.005',
      writeOffPercent: '0',
      discountGraceDays: 0,
    });
    expect(decimals.body).toMatchObject({
      status: 400,
      errors: [
        expect.objectContaining({
          path: '/body/writeOffAbsolute',
          rule: 'MONEY.TOO_MANY_DECIMALS',
        }),
      ],
    });
    void randomUUID;
  });
});
