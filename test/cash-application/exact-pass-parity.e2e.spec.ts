import {
  type CashActor,
  CashApplicationRun,
  CashJournal,
  CashTransactions,
  SetBasedPasses,
} from '@o2c/process-api';
import type { BillingCustomer, InsertedInvoice } from '../factories/invoice.factory';
import { type Body, CashClient, paymentBody } from './cash.client';
import { neutral } from './exact-pass.support';

/** A remittance line: how it names an invoice of the customer's list, and what it pays. */
interface LineSpec {
  readonly at: number;
  readonly reference?: (invoice: InsertedInvoice) => string;
  /** Names the invoice by id (with `reference` as the text beside it, if any). */
  readonly byId?: boolean;
}

interface Scenario {
  readonly name: string;
  readonly currency: string;
  /** The invoices each customer owes: total and series. */
  readonly owed: readonly { total: string; series?: string }[];
  readonly remittances: readonly (readonly LineSpec[])[];
}

const digits = (invoice: InsertedInvoice) => invoice.number.replace(/^[A-Za-z]+-0*/, '');

const SCENARIOS: Scenario[] = [
  {
    name: 'JPY (no minor unit)',
    currency: 'JPY',
    owed: [{ total: '125000' }, { total: '3100' }, { total: '88' }, { total: '40500' }],
    remittances: [
      [{ at: 0, reference: (invoice) => invoice.number }],
      [
        { at: 1, reference: digits },
        { at: 2, reference: (invoice) => `Invoice no. ${digits(invoice)}` },
      ],
      [{ at: 3, byId: true }],
    ],
  },
  {
    name: 'KWD (three minor units)',
    currency: 'KWD',
    owed: [{ total: '12.345' }, { total: '0.500' }, { total: '1000.000' }],
    remittances: [
      [
        { at: 0, reference: (invoice) => invoice.number.toLowerCase() },
        { at: 1, reference: digits },
      ],
      [{ at: 2, byId: true, reference: () => 'see remittance advice 7' }],
    ],
  },
  {
    name: 'USD, a second letter series and lines naming invoices by id',
    currency: 'USD',
    owed: [
      { total: '410.00' },
      { total: '77.70', series: 'EXP' },
      { total: '1300.25', series: 'EXP' },
      { total: '65.00' },
    ],
    remittances: [
      // A bare number found only in the second series.
      [{ at: 1, reference: digits }],
      // The second series spelled out.
      [{ at: 2, reference: (invoice) => invoice.number.replace('-', ' ') }],
      // By id, with another document's text beside it.
      [
        { at: 0, byId: true, reference: () => 'PO 55123' },
        { at: 3, byId: true },
      ],
    ],
  },
];

/**
 * The set-based exact pass and the engine decide the same payments alike: the same
 * applications (rule, confidence, settlement, evidence with amounts printed in the currency's
 * minor units), payment statuses, `payment.applied` events and messages. Each payment is
 * recorded through the API while its invoices are void (nothing to apply), the invoices are
 * reissued, and the payments are applied again: one customer's through the engine alone, its
 * twin's through the set-based passes (as a file's batch and its re-applied payments are).
 */
describe('exact-reference pass against the engine, other currencies and references by id', () => {
  let cash: CashClient;
  const actor: CashActor = { principal: 'internal:parity', kind: 'internal', subject: 'parity' };

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  const recorded = async (customerId: string, names: Map<string, string>) => {
    const applications = await cash.sql<Record<string, unknown>>(
      `SELECT p.amount::text AS payment, l.line_number AS line, a.id, a.invoice_id AS invoice,
              a.rule, a.confidence::text AS confidence, a.settlement, a.origin, a.status,
              a.amount::text AS amount, a.discount_amount::text AS discount,
              a.write_off_amount::text AS "writeOff", a.evidence, a.applied_by AS "appliedBy"
         FROM cash_applications a
         JOIN payments p ON p.id = a.payment_id
         LEFT JOIN remittance_lines l ON l.id = a.remittance_line_id
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
    const invoices = await cash.sql<Record<string, unknown>>(
      `SELECT total::text AS total, status, open_balance::text AS "openBalance"
         FROM invoices WHERE customer_id = $1 ORDER BY total`,
      [customerId],
    );
    const events = await cash.sql<Record<string, unknown>>(
      `SELECT e.data, e.related_objects AS related, e.actor, e.reason, p.amount::text AS payment
         FROM process_events e JOIN payments p ON p.id::text = e.object_id
        WHERE e.activity = 'payment.applied' AND p.customer_id = $1 ORDER BY p.amount`,
      [customerId],
    );
    const messages = await cash.sql<{ payload: Record<string, unknown>; headers: unknown }>(
      `SELECT m.payload, m.headers, m.aggregate_type AS "aggregateType"
         FROM outbox_messages m JOIN payments p ON p.id::text = m.aggregate_id
        WHERE m.event_type = 'payment.applied' AND p.customer_id = $1 ORDER BY p.amount`,
      [customerId],
    );
    return neutral(
      {
        applications: applications.map(({ id: _id, ...rest }) => rest),
        payments: payments
          .map(({ amount, status }) => ({ amount, status }))
          .sort((a, b) => a.amount.localeCompare(b.amount)),
        invoices,
        events,
        messages: messages.map((message) => ({
          ...message,
          payload: { ...message.payload, occurredAt: 'then' },
        })),
      },
      names,
    );
  };

  const names = (customer: BillingCustomer, invoices: InsertedInvoice[]) =>
    new Map<string, string>([
      [customer.customerId, 'the customer'],
      ...invoices.flatMap((invoice, at): [string, string][] => [
        [invoice.id, `invoice ${at}`],
        [invoice.number, `number ${at}`],
        [invoice.number.toLowerCase(), `lower ${at}`],
        [invoice.number.replace('-', ' '), `spaced ${at}`],
        [digits(invoice), `digits ${at}`],
      ]),
    ]);

  /** Applies the payments again in one transaction, as a file's batch does. */
  const applyAgain = (ids: string[], setBased: boolean) =>
    cash.gateway.app.get(CashTransactions).run(async (manager) => {
      const journal = new CashJournal(actor);
      const summary = await cash.gateway.app
        .get(CashApplicationRun)
        .apply(manager, ids, actor, journal, { mode: 'apply', setBased });
      await journal.flush(manager);
      return summary;
    });

  it.each(SCENARIOS.map((scenario, index) => ({ ...scenario, index })))(
    '$name',
    async (scenario) => {
      const twins = [
        await cash.customer({ currency: scenario.currency }),
        await cash.customer({ currency: scenario.currency }),
      ];
      // Long numbers, apart from every amount and line number the texts also hold.
      const owed: InsertedInvoice[][] = [];
      for (const [twin, customer] of twins.entries()) {
        owed.push(
          await cash.invoices(
            customer,
            scenario.owed.map((spec) => ({
              ...spec,
              // Another series another range: a bare number names one invoice of the customer.
              numberAtLeast: String(
                (scenario.index * 2 + twin + 1) * 100_000 +
                  (spec.series === undefined ? 0 : 50_000),
              ),
            })),
          ),
        );
      }
      const all = owed.flat().map((invoice) => invoice.id);
      // Nothing to apply while the payments are recorded: every payment waits, untouched.
      await cash.sql(`UPDATE invoices SET status = 'void' WHERE id = ANY($1::uuid[])`, [all]);
      const paymentIds: string[][] = [[], []];
      for (const [twin, customer] of twins.entries()) {
        const invoices = owed[twin] ?? [];
        for (const remittance of scenario.remittances) {
          const lines: Body[] = remittance.map((line) => {
            const invoice = invoices[line.at];
            return {
              ...(line.byId ? { invoiceId: invoice.id } : {}),
              ...(line.reference ? { invoiceReference: line.reference(invoice) } : {}),
              amountPaid: invoice.total,
            };
          });
          const amount = remittance
            .map((line) => scenario.owed[line.at]?.total ?? '0')
            .reduce((sum, total) => addDecimal(sum, total));
          const response = await cash.recordPayment(
            paymentBody(customer, amount, lines, {
              amount: { amount, currency: scenario.currency },
            }),
          );
          expect(response.status).toBe(201);
          expect(response.body.status).toBe('unapplied');
          paymentIds[twin]?.push(String(response.body.id));
        }
      }
      await cash.sql(`UPDATE invoices SET status = 'issued' WHERE id = ANY($1::uuid[])`, [all]);

      const [byEngine, bySql] = twins as [BillingCustomer, BillingCustomer];
      await applyAgain(paymentIds[0] ?? [], false);
      const exactPass = jest.spyOn(cash.gateway.app.get(SetBasedPasses), 'applyExactReferences');
      const summary = await applyAgain(paymentIds[1] ?? [], true);
      // Every payment of the twin was applied by the exact pass itself, none left to the engine.
      const passed = await (exactPass.mock.results[0]?.value as ReturnType<
        SetBasedPasses['applyExactReferences']
      >);
      exactPass.mockRestore();
      expect(passed.applied.map((payment) => payment.paymentId).sort()).toEqual(
        [...(paymentIds[1] ?? [])].sort(),
      );

      const engine = await recorded(byEngine.customerId, names(byEngine, owed[0] ?? []));
      const sql = await recorded(bySql.customerId, names(bySql, owed[1] ?? []));
      expect(sql).toEqual(engine);
      const lines = scenario.remittances.flat().length;
      expect((engine as { applications: unknown[] }).applications).toHaveLength(lines);
      expect(summary.toJSON()).toMatchObject({ payments: scenario.remittances.length });
    },
  );
});

/** Sum of two decimal strings, without floats (as many decimals as the longer has). */
function addDecimal(a: string, b: string): string {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const units = (value: string) => {
    const [whole = '0', fraction = ''] = value.split('.');
    return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  };
  const sum = (units(a) + units(b)).toString().padStart(scale + 1, '0');
  return scale === 0 ? sum : `${sum.slice(0, -scale)}.${sum.slice(-scale)}`;
}
