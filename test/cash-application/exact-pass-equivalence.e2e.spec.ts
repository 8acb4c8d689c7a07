import { randomUUID } from 'node:crypto';
import { bai2File, type Bai2Credit, centsOf } from '../factories/remittance-file.factory';
import type { InsertedInvoice } from '../factories/invoice.factory';
import { type Body, CashClient, paymentBody } from './cash.client';
import { neutral } from './exact-pass.support';

/** The invoices each customer owes, in this order (each payment below names some of them). */
const OWED = ['1250.00', '310.40', '88.10', '5400.00', '72.35', '999.99', '640.00'];

/**
 * The payments both customers send, by invoice position: how each line writes its reference
 * and what it pays. The last one pays one line short of the balance: no exact pass takes it.
 */
const REMITTANCES: {
  reference: (invoice: InsertedInvoice) => string;
  at: number;
  paid?: string;
}[][] = [
  [
    { reference: (invoice) => invoice.number, at: 0 },
    { reference: (invoice) => invoice.number.replace(/^INV-0*/, 'inv '), at: 1 },
  ],
  [{ reference: (invoice) => invoice.number.replace(/^INV-0*/, ''), at: 2 }],
  [
    { reference: (invoice) => invoice.number.toLowerCase().replace('-', ' '), at: 3 },
    { reference: (invoice) => `Invoice no. ${invoice.number.replace(/^INV-/, '')}`, at: 4 },
  ],
  [
    { reference: (invoice) => invoice.number, at: 5 },
    { reference: (invoice) => invoice.number, at: 6, paid: '600.00' },
  ],
];

/**
 * The set-based exact pass, which a file's batches take, decides and writes what the engine
 * decides for the same payments one at a time (a JSON payment is decided by the engine alone):
 * the same applications with the same rule, confidence, reasons and evidence, and the same
 * `payment.applied` event and message, once each customer's ids and numbers are set aside.
 */
describe('exact-reference pass against the engine', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  const recorded = async (customerId: string, names: Map<string, string>) => {
    const applications = await cash.sql<Record<string, unknown>>(
      `SELECT p.amount::text AS payment, l.line_number AS line, a.id, a.invoice_id AS invoice,
              a.rule, a.confidence::text AS confidence, a.settlement, a.origin, a.status,
              a.amount::text AS amount, a.discount_amount::text AS discount,
              a.write_off_amount::text AS "writeOff", a.evidence
         FROM cash_applications a
         JOIN payments p ON p.id = a.payment_id
         JOIN remittance_lines l ON l.id = a.remittance_line_id
        WHERE p.customer_id = $1
        ORDER BY p.amount, l.line_number`,
      [customerId],
    );
    for (const application of applications) {
      names.set(
        String(application.id),
        `application ${String(application.payment)}/${String(application.line)}`,
      );
    }
    const payments = await cash.sql<{ id: string; amount: string; status: string }>(
      `SELECT id, amount::text AS amount, status FROM payments WHERE customer_id = $1`,
      [customerId],
    );
    for (const payment of payments) names.set(payment.id, `payment ${payment.amount}`);
    const events = await cash.sql<Record<string, unknown>>(
      `SELECT e.data, e.related_objects AS related, e.actor, p.amount::text AS payment
         FROM process_events e JOIN payments p ON p.id::text = e.object_id
        WHERE e.activity = 'payment.applied' AND p.customer_id = $1 ORDER BY p.amount`,
      [customerId],
    );
    const messages = await cash.sql<{ payload: Record<string, unknown> }>(
      `SELECT m.payload FROM outbox_messages m JOIN payments p ON p.id::text = m.aggregate_id
        WHERE m.event_type = 'payment.applied' AND p.customer_id = $1 ORDER BY p.amount`,
      [customerId],
    );
    return neutral(
      {
        applications: applications.map(({ id: _id, ...rest }) => rest),
        payments: payments
          .map(({ amount, status }) => ({ amount, status }))
          .sort((a, b) => a.amount.localeCompare(b.amount)),
        events,
        messages: messages.map(({ payload }) => ({ ...payload, occurredAt: 'then' })),
      },
      names,
    );
  };

  it('applies what the engine applies, with the same evidence and events', async () => {
    const byEngine = await cash.customer();
    const bySql = await cash.customer();
    const engineInvoices = await cash.invoices(
      byEngine,
      OWED.map((total) => ({ total })),
    );
    const sqlInvoices = await cash.invoices(
      bySql,
      OWED.map((total) => ({ total })),
    );
    const amountOf = (remittance: (typeof REMITTANCES)[number]) => {
      const cents = remittance.reduce((sum, line) => sum + centsOf(line.paid ?? OWED[line.at]), 0n);
      return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
    };

    for (const remittance of REMITTANCES) {
      const lines: Body[] = remittance.map((line) => ({
        invoiceReference: line.reference(engineInvoices[line.at]),
        amountPaid: line.paid ?? OWED[line.at],
      }));
      const response = await cash.recordPayment(paymentBody(byEngine, amountOf(remittance), lines));
      expect(response.status).toBe(201);
    }
    const credits: Bai2Credit[] = REMITTANCES.map((remittance, index) => ({
      cents: centsOf(amountOf(remittance)),
      bankReference: `EQ-${index}`,
      customerNumber: bySql.customerNumber,
      documents: remittance.map((line) => ({
        reference: line.reference(sqlInvoices[line.at]),
        amount: line.paid ?? OWED[line.at],
      })),
    }));
    const content = bai2File({ fileId: `F${randomUUID().slice(0, 8)}`, credits });
    // Four payments in one batch: the file's batch takes the set-based passes first.
    const imported = await cash.importFile(content, 'text/plain');
    expect(imported.status).toBe(201);

    const names = (customerId: string, invoices: InsertedInvoice[]) =>
      new Map<string, string>([
        [customerId, 'the customer'],
        ...invoices.flatMap((invoice, at): [string, string][] => [
          [invoice.id, `invoice ${at}`],
          [invoice.number, `number ${at}`],
          [invoice.number.replace(/^INV-/, ''), `padded ${at}`],
          [invoice.number.replace(/^INV-0*/, ''), `digits ${at}`],
        ]),
      ]);
    const engine = await recorded(byEngine.customerId, names(byEngine.customerId, engineInvoices));
    const sql = await recorded(bySql.customerId, names(bySql.customerId, sqlInvoices));
    expect(sql).toEqual(engine);
    // Every line applied: five by the exact pass (the engine's in the other customer's case),
    // the short payment's two by the engine in both (one exact, one partial).
    const { applications } = engine as { applications: { rule: string; settlement: string }[] };
    expect(applications).toHaveLength(7);
    expect(
      applications.filter(
        (application) =>
          application.rule === 'exact-invoice-number' && application.settlement === 'full',
      ),
    ).toHaveLength(6);
  });
});
