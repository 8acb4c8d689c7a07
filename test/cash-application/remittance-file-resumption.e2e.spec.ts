import { Logger } from '@nestjs/common';
import type { TokenRequest } from '@o2c/governance';
import { recordIntegrationException } from '@o2c/integration';
import { RemittanceFileResumer } from '@o2c/process-api';
import { randomUUID } from 'node:crypto';
import type { BillingCustomer, InsertedInvoice } from '../factories/invoice.factory';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient, cashApplier, FILES } from './cash.client';
import { ageLease, importStopped, UNRECORDABLE } from './remittance-file.stops';

/** The amount whose cash application the test database refuses, as a lost connection would. */
const REFUSED_AMOUNT = '333.33';

/**
 * A trigger that fails every posting of REFUSED_AMOUNT: the import's batch stops with an error
 * that is not a conflict, after the file and its payments were committed.
 */
const INSTALL_FAILURE = `
  CREATE FUNCTION test_refuse_application() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.amount = ${REFUSED_AMOUNT} THEN RAISE EXCEPTION 'application stopped (test)'; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER test_refuse_application BEFORE INSERT ON cash_applications
    FOR EACH ROW EXECUTE FUNCTION test_refuse_application()`;

const REMOVE_FAILURE = `
  DROP TRIGGER test_refuse_application ON cash_applications;
  DROP FUNCTION test_refuse_application()`;

/** What a resumption attempt reports while the application of REFUSED_AMOUNT is refused. */
const REFUSED = 'application stopped (test)';

const EXCEPTIONS = '/process/v1/integration-exceptions';

/** Someone in operations working the integration exception queue. */
const OPERATIONS: TokenRequest = {
  subject: 'omar',
  kind: 'internal',
  roles: ['operations'],
  scopes: ['exceptions:read', 'exceptions:write'],
};

/** `work` while the database refuses to apply cash of REFUSED_AMOUNT. */
async function withApplicationRefused<T>(client: CashClient, work: () => Promise<T>): Promise<T> {
  await client.sql(INSTALL_FAILURE);
  try {
    return await work();
  } finally {
    await client.sql(REMOVE_FAILURE);
  }
}

interface Stranded {
  fileId: string;
  content: string;
  alpha: BillingCustomer;
  a1: InsertedInvoice;
  b1: InsertedInvoice;
  b2: InsertedInvoice;
  g1: InsertedInvoice;
  /** The file's payments by bank reference. */
  payments: Map<string, string>;
}

/**
 * A remittance file whose cash application stopped part-way (the import answered 500), then
 * resumed by the gateway: every payment ends applied or queued with a task, nothing twice.
 */
describe('remittance file resumption', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  /** Imports a BAI2 file of four credits whose application fails; the file is left `received`. */
  async function strandedFile(client: CashClient): Promise<Stranded> {
    const account = `6611${Date.now() % 1e6}`;
    const alpha = await client.customer({ aliases: [account] });
    const beta = await client.customer();
    const gamma = await client.customer();
    const [a1] = await client.invoices(alpha, [{ total: '1250.00' }]);
    const [b1, b2] = await client.invoices(beta, [{ total: '88.10' }, { total: '5400.00' }]);
    const [g1] = await client.invoices(gamma, [{ total: REFUSED_AMOUNT }]);
    const tag = randomUUID().slice(0, 6);
    const content = bai2File({
      fileId: `R${tag}`,
      credits: [
        {
          cents: centsOf('1250.00'),
          bankReference: `RA-${tag}`,
          payerName: 'ALPHA DIST',
          payerAccount: account,
          documents: [{ reference: a1.number, amount: '1250.00' }],
        },
        {
          cents: centsOf('5400.00'),
          bankReference: `RB-${tag}`,
          customerNumber: beta.customerNumber,
        },
        {
          cents: centsOf(REFUSED_AMOUNT),
          bankReference: `RG-${tag}`,
          customerNumber: gamma.customerNumber,
          documents: [{ reference: g1.number, amount: REFUSED_AMOUNT }],
        },
        {
          cents: centsOf('77.00'),
          bankReference: `RU-${tag}`,
          payerName: 'NOBODY WE KNOW',
          payerAccount: `5550${Date.now() % 1e6}`,
        },
      ],
    });
    const failed = await withApplicationRefused(client, () =>
      client.agent().post(FILES).set('content-type', 'text/plain').send(Buffer.from(content)),
    );
    // The client gets the error as before; the details stay in the log.
    expect(failed.status).toBe(500);
    const [file] = await client.sql<{ id: string; status: string }>(
      `SELECT f.id, f.status FROM remittance_files f
        WHERE EXISTS (SELECT 1 FROM payments p
                       WHERE p.source_file_id = f.id AND p.bank_reference = $1)`,
      [`RA-${tag}`],
    );
    expect(file?.status).toBe('received');
    const rows = await client.sql<{ id: string; bank_reference: string }>(
      'SELECT id, bank_reference FROM payments WHERE source_file_id = $1 ORDER BY source_position',
      [file?.id],
    );
    return {
      fileId: file?.id ?? '',
      content,
      alpha,
      a1,
      b1,
      b2,
      g1,
      payments: new Map(rows.map((row) => [row.bank_reference.slice(0, 2), row.id])),
    };
  }

  /** Payments neither applied nor waiting in the cash-application queue. */
  async function invisible(client: CashClient, fileId: string): Promise<string[]> {
    const rows = await client.sql<{ id: string }>(
      `SELECT p.id FROM payments p
        WHERE p.source_file_id = $1 AND p.unapplied > p.on_account
          AND NOT EXISTS (SELECT 1 FROM tasks t
                           WHERE t.subject_type = 'payment' AND t.subject_id = p.id
                             AND t.queue = 'cash-application' AND t.status IN ('open', 'claimed'))`,
      [fileId],
    );
    return rows.map((row) => row.id);
  }

  it('resumes a file whose application stopped: each payment applied once or queued, the file processed', async () => {
    const stranded = await strandedFile(cash);
    const { fileId, payments } = stranded;
    // Money that arrived and that nobody sees: nothing applied, nothing queued.
    expect((await invisible(cash, fileId)).sort()).toEqual([...payments.values()].sort());
    expect(
      await cash.sql('SELECT 1 FROM cash_applications WHERE payment_id = ANY($1::uuid[])', [
        [...payments.values()],
      ]),
    ).toEqual([]);
    // Importing it again is refused as a duplicate: only resumption can bring the cash back.
    const again = await cash.importFile(stranded.content, 'text/plain');
    expect(again.status).toBe(409);

    const resumer = cash.gateway.app.get(RemittanceFileResumer);
    // Its lease is fresh: for all this gateway knows, another one is still applying it.
    expect(await resumer.runOnce()).toEqual([]);
    expect((await cash.invoice(stranded.a1.id))?.status).toBe('issued');

    // Meanwhile a person applies one of the stranded payments by hand.
    const bravo = payments.get('RB') ?? '';
    const current = await cash.getPayment(bravo);
    const manual = await cash.applyCash(
      bravo,
      { applications: [{ invoiceId: stranded.b2.id, amount: '5400.00' }] },
      { 'if-match': String(current.headers.etag) },
    );
    expect(manual.status).toBe(200);

    await ageLease(cash, fileId);
    const resumed = await resumer.runOnce();
    expect(resumed).toEqual([
      {
        outcome: 'resumed',
        fileId,
        attempt: 1,
        payments: 4,
        applied: 2,
        onAccount: 0,
        inReview: 0,
        unidentified: 1,
      },
    ]);
    // Processed: never taken again.
    await ageLease(cash, fileId);
    expect(await resumer.runOnce()).toEqual([]);

    const read = await cash.checked('getRemittanceFile', cash.agent().get(`${FILES}/${fileId}`));
    expect(read.body).toMatchObject({
      status: 'processed',
      paymentCount: 4,
      application: {
        payments: 4,
        applied: { count: 2, amounts: [{ amount: '1583.33', currency: 'USD' }] },
        byRule: { 'exact-invoice-number': { count: 2 } },
        unidentified: { count: 1, amounts: [{ amount: '77.00', currency: 'USD' }] },
      },
    });
    expect(await invisible(cash, fileId)).toEqual([]);
    const statuses = await cash.sql<{ bank_reference: string; status: string; applied: string }>(
      `SELECT bank_reference, status, amount_applied::text AS applied FROM payments
        WHERE source_file_id = $1 ORDER BY source_position`,
      [fileId],
    );
    expect(statuses.map((row) => [row.status, row.applied])).toEqual([
      ['applied', '1250.0000'],
      ['applied', '5400.0000'],
      ['applied', '333.3300'],
      ['unapplied', '0.0000'],
    ]);
    for (const invoice of [stranded.a1, stranded.b2, stranded.g1]) {
      expect(await cash.invoice(invoice.id)).toMatchObject({
        status: 'paid',
        open_balance: '0.0000',
      });
    }
    expect(await cash.invoice(stranded.b1.id)).toMatchObject({ status: 'issued' });

    // Nothing applied twice: one application per payment and invoice, none over an invoice.
    const twice = await cash.sql(
      `SELECT payment_id, invoice_id FROM cash_applications
        WHERE payment_id = ANY($1::uuid[]) AND status = 'applied'
        GROUP BY payment_id, invoice_id HAVING count(*) > 1`,
      [[...payments.values()]],
    );
    expect(twice).toEqual([]);
    const overApplied = await cash.sql(
      `SELECT i.id FROM invoices i
        WHERE i.id = ANY($1::uuid[]) AND (i.open_balance < 0 OR i.amount_applied > i.total)`,
      [[stranded.a1.id, stranded.b1.id, stranded.b2.id, stranded.g1.id]],
    );
    expect(overApplied).toEqual([]);

    // Events and outbox rows as for an import that did not stop.
    const outbox = await cash.sql<{ aggregate_id: string; event_type: string }>(
      `SELECT aggregate_id, event_type FROM outbox_messages
        WHERE aggregate_id = ANY($1::text[]) ORDER BY aggregate_id, event_type`,
      [[...payments.values()]],
    );
    const byPayment = (key: string) =>
      outbox.filter((row) => row.aggregate_id === payments.get(key)).map((row) => row.event_type);
    expect(byPayment('RA')).toEqual(['payment.applied', 'payment.received']);
    expect(byPayment('RB')).toEqual(['payment.applied', 'payment.received']);
    expect(byPayment('RG')).toEqual(['payment.applied', 'payment.received']);
    expect(byPayment('RU')).toEqual(['payment.received']);
    const queued = await cash.sql<{ object_id: string; actor: string }>(
      `SELECT object_id, actor FROM process_events
        WHERE activity = 'payment.queued_for_review' AND object_id = ANY($1::text[])`,
      [[...payments.values()]],
    );
    expect(queued).toEqual([{ object_id: payments.get('RU'), actor: 'system:remittance-resumer' }]);
    const applied = await cash.sql<{ object_id: string; actor: string }>(
      `SELECT object_id, actor FROM process_events
        WHERE activity = 'payment.applied' AND object_id = ANY($1::text[])
        ORDER BY object_id`,
      [[payments.get('RA'), payments.get('RG')]],
    );
    expect(applied.map((row) => row.actor)).toEqual([
      'system:remittance-resumer',
      'system:remittance-resumer',
    ]);
  });

  describe('recorded a slice at a time', () => {
    let sliced: CashClient;

    beforeAll(async () => {
      // Every customer's payments in a transaction of their own.
      sliced = await CashClient.start({ REMITTANCE_RECORDING_SLICE: '1' });
    });
    afterAll(() => sliced.close());

    /** Alpha, beta and gamma pay an invoice each; a fourth payer is unknown. */
    async function fourCredits(client: CashClient, gammaAmount: string) {
      const account = `6622${Date.now() % 1e6}`;
      const alpha = await client.customer({ aliases: [account] });
      const beta = await client.customer();
      const gamma = await client.customer();
      const [a1] = await client.invoices(alpha, [{ total: '1250.00' }]);
      const [b1] = await client.invoices(beta, [{ total: '5400.00' }]);
      const [g1] = await client.invoices(gamma, [{ total: gammaAmount }]);
      const tag = randomUUID().slice(0, 6);
      const content = bai2File({
        fileId: `S${tag}`,
        credits: [
          {
            cents: centsOf('1250.00'),
            bankReference: `SA-${tag}`,
            payerName: 'ALPHA DIST',
            payerAccount: account,
            documents: [{ reference: a1.number, amount: '1250.00' }],
          },
          {
            cents: centsOf('5400.00'),
            bankReference: `SB-${tag}`,
            customerNumber: beta.customerNumber,
            documents: [{ reference: b1.number, amount: '5400.00' }],
          },
          {
            cents: centsOf(gammaAmount),
            bankReference: `SG-${tag}`,
            customerNumber: gamma.customerNumber,
            documents: [{ reference: g1.number, amount: gammaAmount }],
          },
          {
            cents: centsOf('77.00'),
            bankReference: `SU-${tag}`,
            payerName: 'NOBODY WE KNOW',
            payerAccount: `5560${Date.now() % 1e6}`,
          },
        ],
      });
      return { content, invoices: [a1, b1, g1] };
    }

    /** The file's payments in file order: position, bank reference prefix, status, applied. */
    const filePayments = (client: CashClient, fileId: string) =>
      client.sql<{ position: number; ref: string; status: string; applied: string }>(
        `SELECT source_position AS position, left(bank_reference, 2) AS ref, status,
                amount_applied::text AS applied
           FROM payments WHERE source_file_id = $1 ORDER BY source_position`,
        [fileId],
      );

    it('applies the first slices while the next are recorded, and ends as a whole import', async () => {
      const { content, invoices } = await fourCredits(sliced, '212.50');
      const imported = await sliced.importFile(content, 'text/plain');
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({ status: 'processed', paymentCount: 4 });
      const fileId = String(imported.body.id);
      const [file] = await sliced.sql<{ recorded: boolean; kept: boolean }>(
        `SELECT recorded_at IS NOT NULL AS recorded, content = $2 AS kept
           FROM remittance_files WHERE id = $1`,
        [fileId, Buffer.from(content)],
      );
      expect(file).toEqual({ recorded: true, kept: true });
      expect(await filePayments(sliced, fileId)).toEqual([
        { position: 1, ref: 'SA', status: 'applied', applied: '1250.0000' },
        { position: 2, ref: 'SB', status: 'applied', applied: '5400.0000' },
        { position: 3, ref: 'SG', status: 'applied', applied: '212.5000' },
        { position: 4, ref: 'SU', status: 'unapplied', applied: '0.0000' },
      ]);
      for (const invoice of invoices) {
        expect(await sliced.invoice(invoice.id)).toMatchObject({ status: 'paid' });
      }
      expect(await invisible(sliced, fileId)).toEqual([]);
    });

    it('finishes a recording that stopped part-way from the stored file, each remittance once', async () => {
      const { content, invoices } = await fourCredits(sliced, UNRECORDABLE);
      const fileId = await importStopped(sliced, content);
      const [file] = await sliced.sql<{ status: string; recorded: boolean }>(
        `SELECT status, recorded_at IS NOT NULL AS recorded FROM remittance_files WHERE id = $1`,
        [fileId],
      );
      expect(file).toMatchObject({ status: 'received', recorded: false });
      // Alpha's and beta's slices were committed; gamma's failed and the unknown payer's never ran.
      expect((await filePayments(sliced, fileId)).map((row) => row.ref)).toEqual(['SA', 'SB']);
      // The file is claimed: importing it again is refused, only resumption finishes it.
      expect((await sliced.importFile(content, 'text/plain')).status).toBe(409);

      const resumer = sliced.gateway.app.get(RemittanceFileResumer);
      expect(await resumer.runOnce()).toEqual([]);
      await ageLease(sliced, fileId);
      const [resumed] = await resumer.runOnce();
      expect(resumed).toMatchObject({ fileId, payments: 4, unidentified: 1 });

      const [finished] = await sliced.sql<{ status: string; recorded: boolean }>(
        `SELECT status, recorded_at IS NOT NULL AS recorded FROM remittance_files WHERE id = $1`,
        [fileId],
      );
      expect(finished).toEqual({ status: 'processed', recorded: true });
      expect(await filePayments(sliced, fileId)).toEqual([
        { position: 1, ref: 'SA', status: 'applied', applied: '1250.0000' },
        { position: 2, ref: 'SB', status: 'applied', applied: '5400.0000' },
        { position: 3, ref: 'SG', status: 'applied', applied: '444.4400' },
        { position: 4, ref: 'SU', status: 'unapplied', applied: '0.0000' },
      ]);
      for (const invoice of invoices) {
        expect(await sliced.invoice(invoice.id)).toMatchObject({
          status: 'paid',
          open_balance: '0.0000',
        });
      }
      expect(await invisible(sliced, fileId)).toEqual([]);
      // One payment.received per payment: nothing recorded twice, nothing announced twice.
      const received = await sliced.sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM outbox_messages o
           JOIN payments p ON o.aggregate_id = p.id::text
          WHERE p.source_file_id = $1 AND o.event_type = 'payment.received'`,
        [fileId],
      );
      expect(received).toEqual([{ n: '4' }]);
      const twice = await sliced.sql(
        `SELECT a.invoice_id FROM cash_applications a JOIN payments p ON p.id = a.payment_id
          WHERE p.source_file_id = $1 AND a.status = 'applied'
          GROUP BY a.invoice_id HAVING count(*) > 1`,
        [fileId],
      );
      expect(twice).toEqual([]);
    });
  });

  it('resumes on its own timer in a gateway that looks often', async () => {
    const often = await CashClient.start({ REMITTANCE_RESUME_INTERVAL_MS: '100' });
    try {
      const { fileId } = await strandedFile(often);
      // Fresh lease: a few rounds go by without taking it.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const [waiting] = await often.sql<{ status: string }>(
        'SELECT status FROM remittance_files WHERE id = $1',
        [fileId],
      );
      expect(waiting?.status).toBe('received');
      await ageLease(often, fileId);
      let status = 'received';
      for (let attempt = 0; attempt < 100 && status !== 'processed'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [row] = await often.sql<{ status: string }>(
          'SELECT status FROM remittance_files WHERE id = $1',
          [fileId],
        );
        status = row?.status ?? 'missing';
      }
      expect(status).toBe('processed');
      expect(await invisible(often, fileId)).toEqual([]);
    } finally {
      await often.close();
    }
  });
  describe('with a cap on attempts', () => {
    const MAX_ATTEMPTS = 3;
    /**
     * The stranded file's four payments, none applied and none in a task (its one batch was
     * refused each time): the money a person must be told about.
     */
    const UNATTENDED = {
      payments: 4,
      amounts: [{ amount: '7060.33', currency: 'USD' }],
    };
    let capped: CashClient;
    let resumer: RemittanceFileResumer;

    beforeAll(async () => {
      capped = await CashClient.start({ REMITTANCE_RESUME_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
      resumer = capped.gateway.app.get(RemittanceFileResumer);
    });
    afterAll(() => capped.close());

    /** One round once the files' leases ran out (aged in this order: the first is taken first). */
    async function roundAfterLease(...fileIds: string[]) {
      for (const fileId of fileIds) await ageLease(capped, fileId);
      return resumer.runOnce();
    }

    const readFile = (fileId: string) =>
      capped.checked('getRemittanceFile', capped.agent().get(`${FILES}/${fileId}`));

    /** A stranded file that failed every attempt: parked. */
    async function parkedFile(): Promise<Stranded> {
      const stranded = await strandedFile(capped);
      await withApplicationRefused(capped, async () => {
        for (let round = 0; round < MAX_ATTEMPTS; round += 1) {
          await roundAfterLease(stranded.fileId);
        }
      });
      expect(await fileState(stranded.fileId)).toMatchObject({ parked: true });
      return stranded;
    }

    /** The file's exception-queue entries with the given statuses, through the queue's API. */
    const fileExceptions = async (fileId: string, ...statuses: string[]) => {
      const status = (statuses.length > 0 ? statuses : ['open']).join('&status=');
      const response = await capped.checked(
        'listIntegrationExceptions',
        capped
          .agent(OPERATIONS)
          .get(`${EXCEPTIONS}?source=remittance-file:&reference=${fileId}&status=${status}`),
      );
      expect(response.status).toBe(200);
      return response.body.items as Record<string, unknown>[];
    };

    const replayException = (id: string) =>
      capped.checked(
        'replayIntegrationException',
        capped
          .agent(OPERATIONS)
          .post(`${EXCEPTIONS}/${id}/replay`)
          .set('idempotency-key', randomUUID()),
      );

    const fileState = async (fileId: string) => {
      const [row] = await capped.sql<{
        status: string;
        attempts: number;
        error: string | null;
        parked: boolean;
      }>(
        `SELECT status, resume_attempts AS attempts, last_resume_error AS error,
                parked_at IS NOT NULL AS parked
           FROM remittance_files WHERE id = $1`,
        [fileId],
      );
      return row;
    };

    /** A file of two credits whose recording stopped; nothing in it is refused when applied. */
    async function stoppedRecording(client: CashClient): Promise<string> {
      const customer = await client.customer();
      const [invoice] = await client.invoices(customer, [{ total: '1250.00' }]);
      const tag = randomUUID().slice(0, 6);
      const content = bai2File({
        fileId: `H${tag}`,
        credits: [
          {
            cents: centsOf('1250.00'),
            bankReference: `HA-${tag}`,
            customerNumber: customer.customerNumber,
            documents: [{ reference: invoice?.number ?? '', amount: '1250.00' }],
          },
          {
            cents: centsOf(UNRECORDABLE),
            bankReference: `HG-${tag}`,
            customerNumber: customer.customerNumber,
          },
        ],
      });
      return importStopped(client, content);
    }

    it('parks a file that always fails after the last attempt: never claimed again, logged and announced once', async () => {
      const { fileId } = await strandedFile(capped);
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      let rounds;
      let logged: unknown[][];
      try {
        rounds = await withApplicationRefused(capped, async () => {
          const outcomes = [];
          for (let round = 0; round <= MAX_ATTEMPTS; round += 1) {
            outcomes.push(await roundAfterLease(fileId));
          }
          return outcomes;
        });
      } finally {
        logged = [...errors.mock.calls];
        errors.mockRestore();
      }
      expect(rounds).toEqual([
        [{ outcome: 'failed', fileId, attempt: 1, error: REFUSED }],
        [{ outcome: 'failed', fileId, attempt: 2, error: REFUSED }],
        [{ outcome: 'parked', fileId, attempt: 3, error: REFUSED }],
        [],
      ]);
      // One error line, when it was parked; the failed attempts before it were warnings.
      const aboutFile = logged.filter((call) => JSON.stringify(call[0]).includes(fileId));
      expect(aboutFile).toEqual([
        [
          expect.objectContaining({ fileId, attempts: MAX_ATTEMPTS, lastError: REFUSED }),
          expect.stringContaining(
            `parked after ${MAX_ATTEMPTS} resumption attempts without success`,
          ),
        ],
      ]);
      // Parked stays parked, even once nothing refuses it any more.
      expect(await roundAfterLease(fileId)).toEqual([]);
      expect(await fileState(fileId)).toEqual({
        status: 'received',
        attempts: MAX_ATTEMPTS,
        error: REFUSED,
        parked: true,
      });

      const read = await readFile(fileId);
      expect(read.body).toMatchObject({
        status: 'received',
        resumption: {
          attempts: MAX_ATTEMPTS,
          parked: true,
          parkedAt: expect.any(String) as unknown,
          lastError: REFUSED,
        },
      });
      const outbox = await capped.sql<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM outbox_messages
          WHERE event_type = 'remittance_file.parked' AND aggregate_id = $1`,
        [fileId],
      );
      expect(outbox).toEqual([
        {
          payload: expect.objectContaining({
            eventType: 'remittance_file.parked',
            fileId,
            attempts: MAX_ATTEMPTS,
            lastError: REFUSED,
            actor: 'system:remittance-resumer',
            unattended: UNATTENDED,
          }) as unknown,
        },
      ]);
      const events = await capped.sql<{ object_type: string; actor: string }>(
        `SELECT object_type, actor FROM process_events
          WHERE activity = 'remittance_file.parked' AND object_id = $1`,
        [fileId],
      );
      expect(events).toEqual([
        { object_type: 'remittance_file', actor: 'system:remittance-resumer' },
      ]);
      // Parking changes the file: audited, as the system, once.
      const audited = await capped.sql<{ principal: string; parked: string | null }>(
        `SELECT principal, after ->> 'parkedAt' AS parked FROM audit_log
          WHERE object_type = 'remittance_files' AND object_id = $1
            AND operation = 'resumeRemittanceFileApplication'`,
        [fileId],
      );
      expect(audited).toEqual([
        { principal: 'system:remittance-resumer', parked: expect.any(String) as unknown },
      ]);
      // Operations see it in the integration exception queue, once.
      const [parkedAt] = await capped.sql<{ at: string }>(
        `SELECT to_json(parked_at) #>> '{}' AS at FROM remittance_files WHERE id = $1`,
        [fileId],
      );
      const listed = await fileExceptions(fileId);
      expect(listed).toEqual([
        expect.objectContaining({
          kind: 'inbound_event',
          source: 'remittance-file:bai2',
          eventType: 'remittance_file.parked',
          reference: fileId,
          errorCode: 'REMITTANCE_FILE_PARKED',
          errorDetail: REFUSED,
          status: 'open',
          replayCount: 0,
          payload: {
            fileId,
            fileName: expect.any(String) as unknown,
            format: 'bai2',
            attempts: MAX_ATTEMPTS,
            parkedAt: new Date(parkedAt?.at ?? '').toISOString(),
            unattended: UNATTENDED,
          },
        }),
      ]);
    });

    it('unparks a parked file when its exception-queue entry is replayed; the next round processes it', async () => {
      const stranded = await parkedFile();
      const { fileId } = stranded;
      const [entry] = await fileExceptions(fileId);
      const replayed = await replayException(String(entry?.id));
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({
        outcome: 'requeued',
        detail: expect.stringContaining('the resumer takes it in its next round') as unknown,
        exception: { id: entry?.id, status: 'replayed', replayCount: 1 },
      });
      // Unparked as POST …/resume does it: attempts from 0, in the event log as the caller.
      expect(await fileState(fileId)).toEqual({
        status: 'received',
        attempts: 0,
        error: REFUSED,
        parked: false,
      });
      const unparked = await capped.sql<{ actor: string }>(
        `SELECT actor FROM process_events
          WHERE activity = 'remittance_file.unparked' AND object_id = $1`,
        [fileId],
      );
      expect(unparked).toEqual([{ actor: 'internal:omar' }]);
      const audited = await capped.sql<{ principal: string; operation: string }>(
        `SELECT principal, operation FROM audit_log
          WHERE object_type = 'remittance_files' AND object_id = $1 AND after ->> 'parkedAt' IS NULL
            AND before ->> 'parkedAt' IS NOT NULL`,
        [fileId],
      );
      expect(audited).toEqual([
        { principal: 'internal:omar', operation: 'replayIntegrationException' },
      ]);
      expect(await fileExceptions(fileId)).toEqual([]);

      // Still failing: parked again, the same entry opens again (one entry per file).
      await withApplicationRefused(capped, async () => {
        for (let round = 0; round < MAX_ATTEMPTS; round += 1) await roundAfterLease(fileId);
      });
      expect(await fileState(fileId)).toMatchObject({ parked: true, attempts: MAX_ATTEMPTS });
      expect(await fileExceptions(fileId, 'open', 'replayed')).toEqual([
        expect.objectContaining({ id: entry?.id, status: 'open', replayCount: 1 }),
      ]);
      const again = await replayException(String(entry?.id));
      expect(again.body).toMatchObject({ outcome: 'requeued', exception: { replayCount: 2 } });

      // The cause dealt with: the next round takes it first and processes it.
      expect(await resumer.runOnce()).toEqual([
        expect.objectContaining({ outcome: 'resumed', fileId, attempt: 1 }),
      ]);
      expect(await fileState(fileId)).toMatchObject({ status: 'processed', parked: false });
      expect(await invisible(capped, fileId)).toEqual([]);
      for (const invoice of [stranded.a1, stranded.b2, stranded.g1]) {
        expect(await capped.invoice(invoice.id)).toMatchObject({ status: 'paid' });
      }
      // Got through: the replayed entry is resolved by the resumer that processed the file.
      expect(await fileExceptions(fileId, 'replayed', 'resolved')).toEqual([
        expect.objectContaining({
          id: entry?.id,
          status: 'resolved',
          replayCount: 2,
          resolvedBy: 'system:remittance-resumer',
          resolutionReason: 'the file was processed after the replay',
        }),
      ]);
    });

    it('refuses to replay the entry of a file that is not parked any more, or that does not exist', async () => {
      const { fileId } = await parkedFile();
      const [entry] = await fileExceptions(fileId);
      // Unparked behind the queue's back (by hand in the database), then processed.
      await capped.sql(
        'UPDATE remittance_files SET parked_at = NULL, resume_attempts = 0 WHERE id = $1',
        [fileId],
      );
      await ageLease(capped, fileId);
      expect(await resumer.runOnce()).toEqual([
        expect.objectContaining({ outcome: 'resumed', fileId }),
      ]);
      const refused = await replayException(String(entry?.id));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'EXCEPTION.REPLAY_REFUSED',
        reason: 'REMITTANCE_FILE.NOT_PARKED',
        detail: expect.stringContaining(
          `remittance file ${fileId} is not parked any more`,
        ) as unknown,
      });
      // Nothing changed: the entry stays open for a person to discard.
      expect(await fileExceptions(fileId)).toEqual([
        expect.objectContaining({ id: entry?.id, status: 'open', replayCount: 0 }),
      ]);
      expect(await fileState(fileId)).toMatchObject({ status: 'processed' });

      const gone = randomUUID();
      const orphan = await recordIntegrationException(capped.dataSource.manager, {
        kind: 'inbound_event',
        source: 'remittance-file:bai2',
        eventType: 'remittance_file.parked',
        reference: gone,
        errorCode: 'REMITTANCE_FILE_PARKED',
        errorDetail: REFUSED,
        payload: { fileId: gone },
      });
      const missing = await replayException(orphan);
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ reason: 'REMITTANCE_FILE.NOT_FOUND' });
    });

    it('resumes the next stuck file of the round when one fails', async () => {
      const failing = await strandedFile(capped);
      const healthy = await stoppedRecording(capped);
      const round = await withApplicationRefused(capped, () =>
        roundAfterLease(failing.fileId, healthy),
      );
      expect(round).toEqual([
        { outcome: 'failed', fileId: failing.fileId, attempt: 1, error: REFUSED },
        expect.objectContaining({ outcome: 'resumed', fileId: healthy, attempt: 1, payments: 2 }),
      ]);
      expect(await fileState(healthy)).toMatchObject({ status: 'processed', parked: false });
      expect(await fileState(failing.fileId)).toEqual({
        status: 'received',
        attempts: 1,
        error: REFUSED,
        parked: false,
      });
      expect(await invisible(capped, healthy)).toEqual([]);
    });

    it('processes a file normally when a later attempt succeeds', async () => {
      const stranded = await strandedFile(capped);
      const { fileId } = stranded;
      const first = await withApplicationRefused(capped, () => roundAfterLease(fileId));
      expect(first).toEqual([{ outcome: 'failed', fileId, attempt: 1, error: REFUSED }]);

      const second = await roundAfterLease(fileId);
      expect(second).toEqual([
        expect.objectContaining({ outcome: 'resumed', fileId, attempt: 2, unidentified: 1 }),
      ]);
      const read = await readFile(fileId);
      expect(read.body).toMatchObject({
        status: 'processed',
        // The attempts it took stay on the file, and what the failed one reported.
        resumption: { attempts: 2, parked: false, parkedAt: null, lastError: REFUSED },
      });
      expect(await invisible(capped, fileId)).toEqual([]);
      for (const invoice of [stranded.a1, stranded.b2, stranded.g1]) {
        expect(await capped.invoice(invoice.id)).toMatchObject({ status: 'paid' });
      }
      const parked = await capped.sql(
        `SELECT 1 FROM outbox_messages WHERE event_type = 'remittance_file.parked'
            AND aggregate_id = $1`,
        [fileId],
      );
      expect(parked).toEqual([]);
    });

    it('resumes a parked file when a person asks: its attempts start again and the next round takes it', async () => {
      const stranded = await strandedFile(capped);
      const { fileId } = stranded;
      await withApplicationRefused(capped, async () => {
        for (let round = 0; round < MAX_ATTEMPTS; round += 1) await roundAfterLease(fileId);
      });
      expect(await fileState(fileId)).toMatchObject({ parked: true, attempts: MAX_ATTEMPTS });
      const resume = (as = cashApplier('ana')) =>
        capped.checked('resumeRemittanceFile', capped.agent(as).post(`${FILES}/${fileId}/resume`));

      // Not for a caller who may only read payments.
      const reader = {
        subject: 'rita',
        kind: 'internal' as const,
        roles: ['treasury'],
        scopes: ['payments:read'],
      };
      expect((await resume(reader)).status).toBe(403);
      const [entry] = await fileExceptions(fileId);
      expect(entry).toMatchObject({ status: 'open', eventType: 'remittance_file.parked' });
      const resumed = await resume();
      expect(resumed.status).toBe(202);
      expect(resumed.body).toMatchObject({
        id: fileId,
        status: 'received',
        resumption: { attempts: 0, parked: false, parkedAt: null, lastError: REFUSED },
      });
      // Only a parked file: asking twice is a conflict, an unknown file is not found.
      const again = await resume();
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'REMITTANCE_FILE.NOT_PARKED' });
      // Its exception-queue entry is resolved with it, by the same person: nothing to replay.
      expect(await fileExceptions(fileId)).toEqual([]);
      expect(await fileExceptions(fileId, 'resolved')).toEqual([
        expect.objectContaining({
          id: entry?.id,
          status: 'resolved',
          resolvedBy: 'internal:ana',
          resolutionReason: expect.stringContaining('resumed on request') as unknown,
        }),
      ]);
      const replayedLate = await replayException(String(entry?.id));
      expect(replayedLate.status).toBe(409);
      expect(replayedLate.body).toMatchObject({ code: 'EXCEPTION.NOT_OPEN' });
      const resolvedAudit = await capped.sql<{ principal: string; status: string }>(
        `SELECT principal, after ->> 'status' AS status FROM audit_log
          WHERE object_type = 'integration_exceptions' AND object_id = $1`,
        [entry?.id],
      );
      expect(resolvedAudit).toEqual([{ principal: 'internal:ana', status: 'resolved' }]);
      const unknown = await capped.checked(
        'resumeRemittanceFile',
        capped.agent(cashApplier('ana')).post(`${FILES}/${randomUUID()}/resume`),
      );
      expect(unknown.status).toBe(404);

      // No lease to wait for: the next round takes it, as a first attempt.
      expect(await resumer.runOnce()).toEqual([
        expect.objectContaining({ outcome: 'resumed', fileId, attempt: 1 }),
      ]);
      expect(await fileState(fileId)).toMatchObject({ status: 'processed', parked: false });
      expect(await invisible(capped, fileId)).toEqual([]);
      const unparked = await capped.sql<{ actor: string }>(
        `SELECT actor FROM process_events
          WHERE activity = 'remittance_file.unparked' AND object_id = $1`,
        [fileId],
      );
      expect(unparked).toEqual([{ actor: expect.stringContaining('ana') as unknown }]);
    });
  });
});
