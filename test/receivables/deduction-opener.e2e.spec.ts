import { DeductionOpener } from '@o2c/process-api';
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
});
