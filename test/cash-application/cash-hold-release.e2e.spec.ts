import { insertHeldOrder } from '../factories/work-queue.factory';
import { CashClient, paymentBody } from './cash.client';

/**
 * Effects of cash on credit: applied cash lowers the customer's open receivables, so an order
 * held for its credit limit is released by the payment that clears the condition, in the same
 * transaction, and allocated and released to the warehouse.
 */
describe('cash application: credit holds release themselves', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  async function heldCustomer(creditLimit = '1000.0000') {
    const customer = await cash.customer({ creditLimit });
    const invoices = await cash.invoices(customer, [
      { total: '600.00', dueDate: '2099-12-31' },
      { total: '300.00', dueDate: '2099-12-31' },
    ]);
    // 900.00 open + an order of 125.00 is over the 1,000.00 limit (or a lower one).
    const held = await insertHeldOrder(cash.dataSource, {
      customer,
      holds: [
        {
          type: 'credit',
          queue: 'credit-review',
          role: 'credit-analyst',
          reasonCode: 'CREDIT.LIMIT_EXCEEDED',
        },
      ],
    });
    return { customer, invoices, held };
  }

  const order = async (id: string) => {
    const [row] = await cash.sql<{ status: string }>(
      'SELECT status FROM sales_orders WHERE id = $1',
      [id],
    );
    return row?.status;
  };

  it('releases the order whose credit hold the payment cleared, and allocates it', async () => {
    const { customer, invoices, held } = await heldCustomer();
    const [big] = invoices;
    const response = await cash.recordPayment(
      paymentBody(customer, '600.00', [{ invoiceReference: big.number, amountPaid: '600.00' }]),
    );
    expect(response.body.status).toBe('applied');
    expect(await order(held.order.id)).toBe('released');
    const [hold] = await cash.sql<{
      status: string;
      resolution_comment: string;
      resolved_by: string;
    }>('SELECT status, resolution_comment, resolved_by FROM order_holds WHERE id = $1', [
      held.holds[0]?.id,
    ]);
    expect(hold).toEqual({
      status: 'released',
      resolution_comment: 'credit condition cleared',
      resolved_by: 'internal:test-admin',
    });
    const events = await cash.sql<{ event_type: string }>(
      `SELECT event_type FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence`,
      [held.order.id],
    );
    expect(events.map((row) => row.event_type)).toContain('order.released');
    const [allocated] = await cash.sql<{ quantity: string }>(
      `SELECT sum(a.quantity)::text AS quantity FROM allocations a
         JOIN sales_order_lines l ON l.id = a.order_line_id WHERE l.order_id = $1`,
      [held.order.id],
    );
    expect(allocated?.quantity).toBe('10.0000');
  });

  it('leaves the hold while the exposure is still over the limit', async () => {
    const { customer, invoices, held } = await heldCustomer();
    const [, small] = invoices;
    // 900.00 - 20.00 + 125.00 = 1,005.00: still over.
    const response = await cash.recordPayment(
      paymentBody(customer, '20.00', [{ invoiceReference: small.number, amountPaid: '20.00' }]),
    );
    expect(response.body.status).toBe('applied');
    expect(await order(held.order.id)).toBe('on_hold');
  });

  // 330.00 for the 300.00 invoice: 300.00 applied, 30.00 kept on account. Without the credit
  // 600.00 + 125.00 = 725.00; with it, 695.00: under a 700.00 limit, still over 690.00.
  it.each([
    ['700.0000', 'released'],
    ['690.0000', 'on_hold'],
  ])('counts credit put on account against the exposure (limit %s: %s)', async (limit, status) => {
    const { customer, invoices, held } = await heldCustomer(limit);
    const [, small] = invoices;
    const response = await cash.recordPayment(
      paymentBody(customer, '330.00', [{ invoiceReference: small.number, amountPaid: '330.00' }]),
    );
    expect(response.body.status).toBe('on_account');
    expect(await order(held.order.id)).toBe(status);
  });
});
