import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedRemittanceFile, parseRemittanceFile } from '@o2c/integration';
import {
  CashInputsRepository,
  type IntakePayment,
  type PaymentInHand,
  PaymentIntakeRepository,
} from '@o2c/process-api';
import { timeOrderedId } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { CashClient } from './cash.client';

const FIXTURES = join(__dirname, '../../libs/integration/src/remittance-files/fixtures');
const ACTOR = { principal: 'internal:cash-test', kind: 'internal', subject: 'cash-test' };

/** Every fixture the parsers accept, parsed. */
function parsedFixtures(): { name: string; parsed: ParsedRemittanceFile }[] {
  return ['bai2', 'camt', 'x12'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder)).flatMap((name) => {
      try {
        return [{ name, parsed: parseRemittanceFile(readFileSync(join(FIXTURES, folder, name))) }];
      } catch {
        return [];
      }
    }),
  );
}

/** Decimals as their value; everything else as it is. */
function comparable(payments: readonly PaymentInHand[]): unknown[] {
  return [...payments]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((payment) => ({
      ...payment,
      amount: payment.amount.toFixed(),
      amountApplied: payment.amountApplied.toFixed(),
      unapplied: payment.unapplied.toFixed(),
      onAccount: payment.onAccount.toFixed(),
    }));
}

/**
 * A file import keeps each payment as the cash run reads one (PaymentInHand) instead of
 * reading it back: what it keeps must be exactly what the database gives back, for every
 * payment of every sample file, and a payment changed since must be read afresh.
 */
describe('payments in hand after recording', () => {
  let cash: CashClient;
  let intake: PaymentIntakeRepository;
  let inputs: CashInputsRepository;

  beforeAll(async () => {
    cash = await CashClient.start();
    intake = cash.gateway.app.get(PaymentIntakeRepository);
    inputs = cash.gateway.app.get(CashInputsRepository);
  });
  afterAll(() => cash.close());

  const intakeOf = (
    parsed: ParsedRemittanceFile,
    customerId: string,
    invoiceId: string,
  ): IntakePayment[] =>
    parsed.remittances.map((remittance, index) => ({
      id: timeOrderedId(),
      remittance,
      // Some identified, some not; some lines naming an invoice by id.
      customerId: index % 2 === 0 ? customerId : null,
      identification: null,
      source: parsed.format,
      sourceFileId: null,
      lineInvoiceIds: remittance.lines.map((_, line) => (line === 0 ? invoiceId : null)),
    }));

  it('holds every sample file payment as the database reads it back', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '100.00' }]);
    const fixtures = parsedFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    let compared = 0;
    for (const { name, parsed } of fixtures) {
      await cash.dataSource.transaction(async (manager: EntityManager) => {
        const payments = intakeOf(parsed, customer.customerId, invoice.id);
        const held = await intake.insert(manager, payments, '2026-03-06', ACTOR, {
          audited: false,
          inHand: true,
        });
        const read = await inputs.lockPayments(
          manager,
          payments.map((payment) => payment.id),
        );
        expect({ name, payments: comparable(held) }).toEqual({ name, payments: comparable(read) });
        compared += read.length;
      });
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('takes a held payment while its version holds, and reads one whose lines changed', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '100.00' }]);
    const [{ parsed }] = parsedFixtures().filter(({ parsed: file }) =>
      file.remittances.some((remittance) => remittance.lines.length > 0),
    );
    await cash.dataSource.transaction(async (manager: EntityManager) => {
      const payments = intakeOf(parsed, customer.customerId, invoice.id);
      const held = await intake.insert(manager, payments, '2026-03-06', ACTOR, { inHand: true });
      const byId = new Map(held.map((payment) => [payment.id, payment]));
      const ids = payments.map((payment) => payment.id);
      const first = await inputs.lockPayments(manager, ids, byId);
      for (const payment of first) expect(payment).toBe(byId.get(payment.id));

      // An advice adds lines to the first payment: its copy is stale.
      const [changed] = payments;
      const linesBefore = byId.get(changed.id)?.lines.length ?? 0;
      await intake.addLines(
        manager,
        {
          ...changed,
          remittance: parsed.remittances.find((r) => r.lines.length > 0) ?? changed.remittance,
        },
        '2026-03-06',
      );
      const second = await inputs.lockPayments(manager, ids, byId);
      const reread = second.find((payment) => payment.id === changed.id);
      expect(reread).not.toBe(byId.get(changed.id));
      expect(reread?.version).toBe((byId.get(changed.id)?.version ?? 0) + 1);
      expect(reread?.lines.length).toBeGreaterThan(linesBefore);
      for (const payment of second) {
        if (payment.id !== changed.id) expect(payment).toBe(byId.get(payment.id));
      }
    });
  });
});
