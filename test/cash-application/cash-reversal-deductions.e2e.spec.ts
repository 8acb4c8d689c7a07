import type { TokenRequest } from '@o2c/governance';
import { customerUser, staff } from '../receivables/receivables.client';
import { CashClient, cashApplier, paymentBody } from './cash.client';

const DISPUTES = '/process/v1/disputes';

/**
 * Unapplying a short payment: the deduction it opened no longer contests anything, so the
 * reversal withdraws it in the same transaction (task completed, invoice no longer disputed,
 * `dispute.withdrawn` published, audited). A deduction already worked to an outcome is left and
 * reported; a dispute the customer raised is never touched.
 */
describe('cash application: reversing a short payment withdraws its deduction', () => {
  let cash: CashClient;
  const ana = cashApplier('ana');
  const analyst = staff('dee', 'deductions-analyst');

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  /** Invoice of 1000.00 paid 900.00, 100.00 deducted as damage: one deduction opened. */
  async function shortPaid(before?: (invoiceId: string, customerId: string) => Promise<void>) {
    const customer = await cash.customer();
    await cash.tolerance(customer.customerId, '25.00', '1');
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    await before?.(invoice.id, customer.customerId);
    const payment = await cash.recordPayment(
      paymentBody(customer, '900.00', [
        {
          invoiceReference: invoice.number,
          amountPaid: '900.00',
          adjustments: [{ amount: '100.00', reasonCode: '04', description: 'two cartons damaged' }],
        },
      ]),
    );
    expect(payment.status).toBe(201);
    const [deduction] = payment.body.deductions as { disputeId: string }[];
    expect(deduction).toBeDefined();
    return { customer, invoice, payment: payment.body, disputeId: deduction.disputeId };
  }

  function reverse(payment: { id: string; version: number; applications: { id: string }[] }) {
    return cash.reverse(
      payment.id,
      `"${payment.version}"`,
      { applicationId: payment.applications[0].id, reason: 'posted to the wrong invoice' },
      ana,
    );
  }

  async function dispute(id: string, as?: TokenRequest) {
    return cash.checked('getDispute', cash.agent(as).get(`${DISPUTES}/${id}`));
  }

  async function disputeChange(operationId: string, id: string, action: string, body: object) {
    const current = await dispute(id);
    return cash.checked(
      operationId,
      cash
        .agent(analyst)
        .post(`${DISPUTES}/${id}/${action}`)
        .set('if-match', String(current.headers.etag))
        .send(body),
    );
  }

  async function disputeRow(id: string) {
    const [row] = await cash.sql<Record<string, unknown>>(
      `SELECT status, source, resolved_by, resolution_comment, resolved_at IS NOT NULL AS resolved
         FROM disputes WHERE id = $1`,
      [id],
    );
    return row;
  }

  async function disputeTask(id: string) {
    const [row] = await cash.sql<Record<string, unknown>>(
      `SELECT status, decision, decided_by, decision_comment FROM tasks
        WHERE queue = 'dispute' AND subject_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    return row;
  }

  it('withdraws the open deduction: status, task, invoice, event, outbox and audit', async () => {
    const { invoice, payment, disputeId } = await shortPaid();
    expect(await disputeRow(disputeId)).toMatchObject({ status: 'open', source: 'deduction' });
    expect(await cash.invoice(invoice.id)).toMatchObject({ status: 'disputed' });
    expect(await disputeTask(disputeId)).toMatchObject({ status: 'open' });

    const reversed = await reverse(payment);
    expect(reversed.status).toBe(200);
    expect(reversed.body.reversal).toEqual({
      applicationId: payment.applications[0].id,
      withdrawnDeductions: [disputeId],
      deductionsLeft: [],
    });
    expect(reversed.body.deductions).toEqual([
      expect.objectContaining({ disputeId, status: 'withdrawn' }),
    ]);
    expect(await disputeRow(disputeId)).toEqual({
      status: 'withdrawn',
      source: 'deduction',
      resolved_by: 'internal:ana',
      resolution_comment: 'posted to the wrong invoice',
      resolved: true,
    });
    expect(await disputeTask(disputeId)).toEqual({
      status: 'completed',
      decision: 'withdrawn',
      decided_by: 'internal:ana',
      decision_comment: 'posted to the wrong invoice',
    });
    // Nothing applied, nothing contested: the invoice is just issued again.
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'issued',
      open_balance: '1000.0000',
      amount_applied: '0.0000',
    });
    const read = await dispute(disputeId);
    expect(read.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });

    const [withdrawn] = await cash.sql<{ reason: string; data: Record<string, unknown> }>(
      `SELECT reason, data FROM process_events
        WHERE object_type = 'dispute' AND object_id = $1 AND activity = 'dispute.withdrawn'`,
      [disputeId],
    );
    expect(withdrawn).toEqual({
      reason: 'posted to the wrong invoice',
      data: expect.objectContaining({
        from: 'open',
        applicationId: payment.applications[0].id,
        withdrawn: { amount: '100.00', currency: 'USD' },
        invoiceStatus: 'issued',
      }),
    });
    const [message] = await cash.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages
        WHERE aggregate_id = $1 AND event_type = 'dispute.withdrawn'`,
      [disputeId],
    );
    expect(message?.payload).toMatchObject({
      disputeId,
      status: 'withdrawn',
      paymentId: payment.id,
      applicationId: payment.applications[0].id,
      reason: 'posted to the wrong invoice',
    });
    const [reversal] = await cash.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages
        WHERE aggregate_id = $1 AND event_type = 'cash_application.reversed'`,
      [payment.id],
    );
    expect(reversal?.payload).toMatchObject({
      withdrawnDeductions: [disputeId],
      deductionsLeft: [],
      invoiceStatus: 'issued',
    });
    const audited = await cash.sql<{ object_type: string }>(
      `SELECT DISTINCT object_type FROM audit_log
        WHERE operation = 'reverseCashApplication' AND correlation_id = $1`,
      [reversed.headers['x-request-id']],
    );
    expect(audited.map((row) => row.object_type)).toEqual(
      expect.arrayContaining(['disputes', 'tasks', 'invoices', 'cash_applications']),
    );
  });

  it('withdraws a deduction already under review', async () => {
    const { invoice, payment, disputeId } = await shortPaid();
    const review = await disputeChange('changeDisputeStatus', disputeId, 'status', {
      status: 'under_review',
      comment: 'asked the warehouse for the delivery note',
    });
    expect(review.status).toBe(200);

    const reversed = await reverse(payment);
    expect(reversed.body.reversal).toMatchObject({ withdrawnDeductions: [disputeId] });
    expect(await disputeRow(disputeId)).toMatchObject({ status: 'withdrawn' });
    expect(await disputeTask(disputeId)).toMatchObject({
      status: 'completed',
      decision: 'withdrawn',
    });
    expect(await cash.invoice(invoice.id)).toMatchObject({ status: 'issued' });
    const [event] = await cash.sql<{ data: Record<string, unknown> }>(
      `SELECT data FROM process_events WHERE object_id = $1 AND activity = 'dispute.withdrawn'`,
      [disputeId],
    );
    expect(event?.data).toMatchObject({ from: 'under_review' });
  });

  it('leaves a deduction already written off as it is, and says so', async () => {
    const { invoice, payment, disputeId } = await shortPaid();
    const written = await disputeChange('writeOffDispute', disputeId, 'write-off', {
      comment: 'not worth pursuing',
    });
    expect(written.status).toBe(200);
    expect(await cash.invoice(invoice.id)).toMatchObject({ status: 'paid' });

    const reversed = await reverse(payment);
    expect(reversed.status).toBe(200);
    expect(reversed.body.reversal).toEqual({
      applicationId: payment.applications[0].id,
      withdrawnDeductions: [],
      deductionsLeft: [{ disputeId, status: 'written_off' }],
    });
    expect(await disputeRow(disputeId)).toMatchObject({
      status: 'written_off',
      resolution_comment: 'not worth pursuing',
    });
    // The write-off memo still stands: 900.00 is open again, not 1000.00.
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'issued',
      open_balance: '900.0000',
    });
    expect(
      await cash.sql(`SELECT 1 FROM process_events WHERE object_id = $1 AND activity = $2`, [
        disputeId,
        'dispute.withdrawn',
      ]),
    ).toEqual([]);
    const [reversal] = await cash.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages
        WHERE aggregate_id = $1 AND event_type = 'cash_application.reversed'`,
      [payment.id],
    );
    expect(reversal?.payload).toMatchObject({
      withdrawnDeductions: [],
      deductionsLeft: [{ disputeId, status: 'written_off' }],
    });
  });

  it('never touches a dispute the customer raised on the same invoice: it keeps the invoice disputed', async () => {
    let raisedId = '';
    const { invoice, payment, disputeId } = await shortPaid(async (invoiceId, customerId) => {
      const raised = await cash.checked(
        'raiseDispute',
        cash
          .agent(customerUser(customerId))
          .post(DISPUTES)
          .send({
            invoiceId,
            category: 'pricing',
            amount: { amount: '50.00', currency: 'USD' },
            description: 'Price should be 9.50 a unit',
          }),
      );
      expect(raised.status).toBe(201);
      raisedId = (raised.body as { id: string }).id;
    });
    expect(await disputeRow(raisedId)).toMatchObject({ status: 'open', source: 'customer' });

    const reversed = await reverse(payment);
    expect(reversed.body.reversal).toMatchObject({
      withdrawnDeductions: [disputeId],
      deductionsLeft: [],
    });
    expect(await disputeRow(raisedId)).toMatchObject({ status: 'open', resolved: false });
    expect(await disputeTask(raisedId)).toMatchObject({ status: 'open' });
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'disputed',
      open_balance: '1000.0000',
    });
  });
});
