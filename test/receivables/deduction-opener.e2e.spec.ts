import { runWithAuditContext } from '@o2c/governance';
import { type Deduction, DeductionOpener } from '@o2c/process-api';
import { DataSource } from 'typeorm';
import { daysFromToday, ReceivablesFactory } from '../factories/receivables.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** Cash application opens deductions through DeductionOpener inside its own transaction. */
describe('DeductionOpener', () => {
  let gateway: TestGateway;
  let data: DataSource;
  let factory: ReceivablesFactory;
  let opener: DeductionOpener;

  beforeAll(async () => {
    gateway = await startTestGateway();
    data = gateway.app.get(DataSource);
    factory = new ReceivablesFactory(data);
    opener = gateway.app.get(DeductionOpener);
  });
  afterAll(() => gateway.close());

  async function shortPaid() {
    const customer = await factory.customer();
    const { invoice } = await factory.invoice({
      customerId: customer.id,
      dueDate: daysFromToday(10),
      lines: [{ quantity: '10', unitPrice: '50.00' }],
      amountApplied: '460.00',
    });
    const payment = await factory.payment(customer.id, '460.00', daysFromToday(0));
    return { customer, invoice, payment };
  }

  it('opens the dispute, its routed task, the disputed invoice status and the outbox row in the caller transaction', async () => {
    const { customer, invoice, payment } = await shortPaid();
    const { disputeId } = await data.transaction((manager) =>
      opener.open(manager, {
        customerId: customer.id,
        invoiceId: invoice.id,
        paymentId: payment.id,
        amount: '40.00',
        currency: 'USD',
        category: 'not-a-category',
        reasonCode: '06',
        evidence: { remittanceLine: 1, freeText: 'qty short 4 pcs' },
      }),
    );
    const [dispute] = await data.query(
      `SELECT status, category, amount::text, source, payment_id, sla_due_at, evidence
         FROM disputes WHERE id = $1`,
      [disputeId],
    );
    expect(dispute).toMatchObject({
      status: 'open',
      category: 'shortage',
      amount: '40.0000',
      source: 'deduction',
      payment_id: payment.id,
    });
    expect(dispute.evidence).toMatchObject({
      freeText: 'qty short 4 pcs',
      categorySource: 'x12-426',
    });
    const [task] = await data.query(
      `SELECT queue, status, assignee_role, priority, sla_due_at FROM tasks
        WHERE subject_type = 'dispute' AND subject_id = $1`,
      [disputeId],
    );
    expect(task).toMatchObject({
      queue: 'dispute',
      status: 'open',
      assignee_role: 'deductions-analyst',
      priority: 2,
    });
    expect(task.sla_due_at.getTime()).toBe(dispute.sla_due_at.getTime());
    const [{ status }] = await data.query('SELECT status FROM invoices WHERE id = $1', [
      invoice.id,
    ]);
    expect(status).toBe('disputed');
    const outbox = await data.query(
      `SELECT event_type, payload FROM outbox_messages WHERE aggregate_id = $1`,
      [disputeId],
    );
    expect(outbox).toEqual([
      expect.objectContaining({
        event_type: 'dispute.opened',
        payload: expect.objectContaining({ amount: { amount: '40.00', currency: 'USD' } }),
      }),
    ]);
  });

  it('rolls back with the caller: nothing half-written', async () => {
    const { customer, invoice, payment } = await shortPaid();
    await expect(
      data.transaction(async (manager) => {
        await opener.open(manager, {
          customerId: customer.id,
          invoiceId: invoice.id,
          paymentId: payment.id,
          amount: '40.00',
          currency: 'USD',
          category: 'pricing',
          reasonCode: null,
          evidence: {},
        });
        throw new Error('cash application failed later');
      }),
    ).rejects.toThrow('cash application failed later');
    const [{ count }] = await data.query(
      'SELECT count(*)::int AS count FROM disputes WHERE invoice_id = $1',
      [invoice.id],
    );
    expect(count).toBe(0);
  });

  it.each<[Partial<Record<'amount' | 'currency' | 'customerId', string>>, string, string]>([
    [{ amount: '40.001' }, '/body/amount/amount', 'MONEY.TOO_MANY_DECIMALS'],
    [{ amount: '40.01' }, '/body/amount/amount', 'DISPUTE.EXCEEDS_OPEN_BALANCE'],
    [{ currency: 'EUR' }, '/body/amount/currency', 'DISPUTE.CURRENCY_MISMATCH'],
    [{ customerId: 'other' }, '/body/invoiceId', 'DISPUTE.CUSTOMER_MISMATCH'],
  ])('refuses %j naming %s', async (override, path, rule) => {
    const { customer, invoice, payment } = await shortPaid();
    const other = override.customerId ? (await factory.customer()).id : customer.id;
    const attempt = data.transaction((manager) =>
      opener.open(manager, {
        customerId: other,
        invoiceId: invoice.id,
        paymentId: payment.id,
        amount: override.amount ?? '40.00',
        currency: override.currency ?? 'USD',
        category: 'pricing',
        reasonCode: null,
        evidence: {},
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      errors: [expect.objectContaining({ path, rule })],
    });
  });

  /** Two short-paid invoices of one customer, one paid in EUR (2 deductions on the first). */
  async function shortPaidAccount() {
    const customer = await factory.customer();
    const first = await factory.invoice({
      customerId: customer.id,
      dueDate: daysFromToday(10),
      lines: [{ quantity: '10', unitPrice: '50.00' }],
      amountApplied: '400.00',
    });
    const second = await factory.invoice({
      customerId: customer.id,
      dueDate: daysFromToday(20),
      lines: [{ quantity: '1', unitPrice: '25000.00' }],
      amountApplied: '12000.00',
    });
    const payment = await factory.payment(customer.id, '12400.00', daysFromToday(0));
    const deductions: Deduction[] = [
      {
        customerId: customer.id,
        invoiceId: first.invoice.id,
        paymentId: payment.id,
        amount: '40.00',
        currency: 'USD',
        category: 'not-a-category',
        reasonCode: '06',
        evidence: { lineNumber: 1, freeText: 'qty short 4 pcs' },
      },
      {
        customerId: customer.id,
        invoiceId: second.invoice.id,
        paymentId: payment.id,
        amount: '13000.00',
        currency: 'USD',
        category: 'pricing',
        reasonCode: null,
        evidence: { lineNumber: 2 },
      },
      {
        customerId: customer.id,
        invoiceId: first.invoice.id,
        paymentId: payment.id,
        amount: '60.5',
        currency: 'USD',
        category: 'promotion',
        reasonCode: '04',
        evidence: { lineNumber: 3, freeText: null },
      },
    ];
    return {
      customer,
      invoices: [first.invoice, second.invoice],
      numbers: [first.invoiceNumber, second.invoiceNumber],
      payment,
      deductions,
    };
  }

  const auditContext = {
    principal: 'system:cash-application',
    principalType: 'system',
    operation: 'importRemittanceFile',
    correlationId: 'corr-deductions',
  };

  /** What opening the account's deductions wrote, ids replaced by their role in the case. */
  async function written(account: Awaited<ReturnType<typeof shortPaidAccount>>) {
    const ids = new Map<string, string>([
      [account.customer.id, 'customer'],
      [account.payment.id, 'payment'],
      ...account.invoices.map((invoice, index): [string, string] => [
        invoice.id,
        `invoice${index}`,
      ]),
      ...account.numbers.map((number, index): [string, string] => [number, `number${index}`]),
    ]);
    const disputes = await data.query(
      `SELECT id, dispute_number::text AS number, customer_id, invoice_id, invoice_line_id,
              payment_id, category, amount::text, currency, status, owner, reason_code,
              description, source, raised_by, evidence, version
         FROM disputes WHERE payment_id = $1 ORDER BY dispute_number`,
      [account.payment.id],
    );
    const first = BigInt(disputes[0]?.number ?? 0);
    disputes.forEach((dispute: { id: string; number: string }, index: number) => {
      ids.set(dispute.id, `dispute${index}`);
      ids.set(`DSP-${dispute.number.padStart(8, '0')}`, `DSP+${BigInt(dispute.number) - first}`);
    });
    const disputeIds = disputes.map((dispute: { id: string }) => dispute.id);
    const tasks = await data.query(
      `SELECT t.id, queue, t.status, subject_type, subject_id, hold_id, routing_rule_id,
              priority, t.sla_due_at = d.sla_due_at AS same_sla, assignee_role, assignee,
              claimed_at, t.evidence, t.version
         FROM tasks t JOIN disputes d ON d.id = t.subject_id
        WHERE t.subject_id = ANY($1::uuid[]) ORDER BY d.dispute_number`,
      [disputeIds],
    );
    tasks.forEach((task: { id: string }, index: number) => ids.set(task.id, `task${index}`));
    const taskIds = tasks.map((task: { id: string }) => task.id);
    const events = await data.query(
      `SELECT object_type, object_id, activity, actor, reason, data, related_objects,
              correlation_id
         FROM process_events WHERE object_id = ANY($1::text[]) ORDER BY sequence`,
      [[...disputeIds, ...taskIds]],
    );
    const outbox = await data.query(
      `SELECT aggregate_type, aggregate_id, event_type, payload - 'occurredAt' AS payload, headers
         FROM outbox_messages WHERE aggregate_id = ANY($1::text[]) ORDER BY sequence`,
      [disputeIds],
    );
    const invoices = await data.query(
      `SELECT id, status, version FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY total`,
      [account.invoices.map((invoice) => invoice.id)],
    );
    const audit = await data.query(
      `SELECT principal, operation, object_type, object_id, before - 'updatedAt' AS before,
              after - 'createdAt' - 'updatedAt' - 'slaDueAt' AS after, correlation_id
         FROM audit_log WHERE object_id = ANY($1::text[])
        ORDER BY object_type, object_id`,
      [[...disputeIds, ...taskIds, ...account.invoices.map((invoice) => invoice.id)]],
    );
    const named = (value: unknown): unknown => {
      if (typeof value === 'string') {
        let text = value;
        for (const [id, name] of ids) text = text.split(id).join(name);
        return text;
      }
      if (Array.isArray(value)) return value.map(named);
      if (value instanceof Date) return 'instant';
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => !['dueAt', 'slaDueAt', 'number', 'disputeNumber'].includes(key))
            .map(([key, item]) => [key, named(item)]),
        );
      }
      return value;
    };
    const sortedAudit = (named(audit) as { object_id: string }[]).sort((a, b) =>
      a.object_id < b.object_id ? -1 : a.object_id > b.object_id ? 1 : 0,
    );
    return named({ disputes, tasks, events, outbox, invoices, audit: sortedAudit }) as Record<
      string,
      unknown[]
    >;
  }

  it('openMany writes what open writes deduction by deduction: rows, routing, events, outbox, audit', async () => {
    const one = await shortPaidAccount();
    const many = await shortPaidAccount();
    const single = await runWithAuditContext(auditContext, () =>
      data.transaction(async (manager) => {
        const opened = [];
        for (const deduction of one.deductions) opened.push(await opener.open(manager, deduction));
        return opened;
      }),
    );
    const bulk = await runWithAuditContext(auditContext, () =>
      data.transaction((manager) => opener.openMany(manager, many.deductions)),
    );
    expect(single).toHaveLength(3);
    expect(bulk).toHaveLength(3);

    const expected = await written(one);
    const actual = await written(many);
    expect(actual).toEqual(expected);
    // Numbers follow the input order, without gaps; the routing picked three roles.
    expect(actual.disputes?.map((dispute) => (dispute as { id: string }).id)).toEqual([
      'dispute0',
      'dispute1',
      'dispute2',
    ]);
    expect(bulk.map((opened) => opened.disputeId)).toEqual(
      (
        await data.query('SELECT id FROM disputes WHERE payment_id = $1 ORDER BY dispute_number', [
          many.payment.id,
        ])
      ).map((row: { id: string }) => row.id),
    );
    const numbers = await data.query(
      `SELECT dispute_number::int - min(dispute_number::int) OVER () AS offset
         FROM disputes WHERE payment_id = $1 ORDER BY dispute_number`,
      [many.payment.id],
    );
    expect(numbers.map((row: { offset: number }) => row.offset)).toEqual([0, 1, 2]);
    const routed = (task: unknown) =>
      (task as { evidence: { routing: { rule: string } } }).evidence.routing.rule;
    expect(actual.tasks?.map(routed)).toEqual([
      'Shortage and damage claims',
      'Disputes of 10,000 or more',
      'Other disputes and deductions',
    ]);
    expect(actual.outbox).toHaveLength(3);
    expect(actual.events).toHaveLength(6);
    expect(actual.invoices).toEqual([
      expect.objectContaining({ status: 'disputed' }),
      expect.objectContaining({ status: 'disputed' }),
    ]);
    expect(actual.audit?.length).toBeGreaterThanOrEqual(8);
  });

  it('openMany refuses as open does, and a refused deduction rolls every other one back', async () => {
    const account = await shortPaidAccount();
    const refused = { ...account.deductions[0], amount: '100.01' };
    const single = data.transaction((manager) => opener.open(manager, refused));
    await expect(single).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          path: '/body/amount/amount',
          rule: 'DISPUTE.EXCEEDS_OPEN_BALANCE',
        }),
      ],
    });
    const bulk = data.transaction((manager) =>
      opener.openMany(manager, [...account.deductions, refused]),
    );
    await expect(bulk).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          path: '/body/amount/amount',
          rule: 'DISPUTE.EXCEEDS_OPEN_BALANCE',
        }),
      ],
    });
    const [{ disputes, tasks, messages }] = await data.query(
      `SELECT (SELECT count(*)::int FROM disputes WHERE payment_id = $1) AS disputes,
              (SELECT count(*)::int FROM tasks t JOIN disputes d ON d.id = t.subject_id
                WHERE d.payment_id = $1) AS tasks,
              (SELECT count(*)::int FROM outbox_messages WHERE payload->>'paymentId' = $1::text)
                AS messages`,
      [account.payment.id],
    );
    expect({ disputes, tasks, messages }).toEqual({ disputes: 0, tasks: 0, messages: 0 });
    const statuses = await data.query(
      'SELECT status, version FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY total',
      [account.invoices.map((invoice) => invoice.id)],
    );
    expect(statuses).toEqual([
      { status: 'partially_paid', version: account.invoices[0]?.version },
      { status: 'partially_paid', version: account.invoices[1]?.version },
    ]);
  });
});
