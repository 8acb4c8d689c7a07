import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bai2File, type Bai2Credit, centsOf } from '../factories/remittance-file.factory';
import { CashClient, FILES } from './cash.client';

const FIXTURES = join(__dirname, '../../libs/integration/src/remittance-files/fixtures');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));

/**
 * POST /process/v1/remittance-files over HTTP: bank and remittance files are parsed, their
 * payments recorded and applied in batches; malformed files are refused whole with where they
 * failed; a file is never posted twice, even when two imports race.
 */
describe('remittance file import', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  const counts = async () => {
    const [row] = await cash.sql<{ files: string; payments: string }>(
      `SELECT (SELECT count(*) FROM remittance_files)::text AS files,
              (SELECT count(*) FROM payments)::text AS payments`,
    );
    return row;
  };

  it('imports a BAI2 file: payers identified by bank account and customer number, cash applied', async () => {
    const account = `7788${Date.now() % 1e6}`;
    const alpha = await cash.customer({ aliases: [account] });
    const beta = await cash.customer();
    const [a1, a2] = await cash.invoices(alpha, [{ total: '1250.00' }, { total: '310.40' }]);
    const [b1, b2] = await cash.invoices(beta, [{ total: '88.10' }, { total: '5400.00' }]);
    const credits: Bai2Credit[] = [
      {
        cents: centsOf('1560.40'),
        bankReference: 'RB-1001',
        payerName: 'ALPHA DIST',
        payerAccount: account,
        documents: [
          { reference: a1.number, amount: '1250.00' },
          { reference: a2.number.replace('INV-0000', 'inv '), amount: '310.40' },
        ],
      },
      // No remittance at all: its amount is the open balance of one invoice of the customer.
      { cents: centsOf('5400.00'), bankReference: 'RB-1002', customerNumber: beta.customerNumber },
      {
        cents: centsOf('77.00'),
        bankReference: 'RB-1003',
        payerName: 'NOBODY WE KNOW',
        payerAccount: '555000111',
      },
    ];
    const content = bai2File({ fileId: `F${randomUUID().slice(0, 8)}`, credits });
    const response = await cash.importFile(content, 'text/plain', { fileName: 'riverbank.bai2' });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`${FILES}/${response.body.id}`);
    expect(response.body).toMatchObject({
      format: 'bai2',
      formatVersion: '2',
      fileName: 'riverbank.bai2',
      status: 'processed',
      paymentCount: 3,
      lineCount: 2,
      totals: [{ currency: 'USD', payments: 3, amount: '7037.40' }],
      skipped: [],
      application: {
        payments: 3,
        applied: { count: 3, amounts: [{ amount: '6960.40', currency: 'USD' }] },
        byRule: {
          'exact-invoice-number': { count: 2 },
          'single-open-invoice-amount': { count: 1 },
        },
        unidentified: { count: 1, amounts: [{ amount: '77.00', currency: 'USD' }] },
      },
    });
    // BAI2 declares its figures in its account, group and file trailers: the file's own.
    expect(response.body.controlTotals.map((control: { name: string }) => control.name)).toEqual([
      'account control total',
      'account record count',
      'group control total',
      'group record count',
      'file control total',
      'file record count',
    ]);
    expect(response.body.paymentControls).toEqual([]);
    for (const invoice of [a1, a2, b2])
      expect((await cash.invoice(invoice.id))?.status).toBe('paid');
    expect((await cash.invoice(b1.id))?.status).toBe('issued');

    const page = await cash.checked(
      'listRemittanceFilePayments',
      cash.agent().get(`${FILES}/${response.body.id}/payments`).query({ limit: 2 }),
    );
    expect(page.body.items).toHaveLength(2);
    const rest = await cash.checked(
      'listRemittanceFilePayments',
      cash
        .agent()
        .get(`${FILES}/${response.body.id}/payments`)
        .query({ limit: 2, cursor: page.body.nextCursor }),
    );
    const payments = [...page.body.items, ...rest.body.items];
    expect(payments.map((payment: { bankReference: string }) => payment.bankReference)).toEqual([
      'RB-1001',
      'RB-1002',
      'RB-1003',
    ]);
    expect(payments.map((payment: { status: string }) => payment.status)).toEqual([
      'applied',
      'applied',
      'unapplied',
    ]);
    // A cursor the API did not issue is refused by name, whatever it carries.
    for (const key of [
      ['abc', 'x'],
      [-1, 'x'],
      [1.5, 'x'],
    ]) {
      const forged = await cash.checked(
        'listRemittanceFilePayments',
        cash
          .agent()
          .get(`${FILES}/${response.body.id}/payments`)
          .query({ cursor: Buffer.from(JSON.stringify(key)).toString('base64url') }),
      );
      expect(forged.status).toBe(400);
      expect(forged.body.errors).toEqual([expect.objectContaining({ path: '/query/cursor' })]);
    }
    const identified = await cash.getPayment(payments[0].id);
    expect(identified.body.identification).toMatchObject({ rule: 'bank-account' });
    const byNumber = await cash.getPayment(payments[1].id);
    expect(byNumber.body.identification).toMatchObject({ rule: 'customer-number' });

    const read = await cash.checked(
      'getRemittanceFile',
      cash.agent().get(`${FILES}/${response.body.id}`),
    );
    expect(read.body).toEqual(response.body);
    const events = await cash.sql<{ event_type: string; count: string }>(
      `SELECT event_type, count(*)::text AS count FROM outbox_messages
        WHERE aggregate_id = ANY($1::text[]) GROUP BY event_type ORDER BY event_type`,
      [payments.map((payment: { id: string }) => payment.id)],
    );
    expect(events).toEqual([
      { event_type: 'payment.applied', count: '2' },
      { event_type: 'payment.received', count: '3' },
    ]);

    // payment.received, in the event log and the outbox, in the file's order.
    const received = await cash.sql<{
      object_id: string;
      actor: string;
      reason: string | null;
      data: Record<string, unknown>;
      related_objects: unknown[];
      correlation_id: string | null;
      payload: Record<string, unknown>;
      headers: Record<string, unknown>;
    }>(
      `SELECT e.object_id, e.actor, e.reason, e.data, e.related_objects, e.correlation_id,
              m.payload, m.headers
         FROM process_events e
         JOIN outbox_messages m ON m.aggregate_id = e.object_id AND m.event_type = e.activity
        WHERE e.object_type = 'payment' AND e.activity = 'payment.received'
          AND e.object_id = ANY($1::text[])
        ORDER BY e.sequence`,
      [payments.map((payment: { id: string }) => payment.id)],
    );
    expect(received.map((row) => row.object_id)).toEqual(
      payments.map((payment: { id: string }) => payment.id),
    );
    const fileId = response.body.id;
    const expected = [
      {
        customerId: alpha.customerId,
        amount: '1560.40',
        bankReference: 'RB-1001',
        payerName: 'ALPHA DIST',
        rule: 'bank-account',
        remittanceLines: 2,
      },
      {
        customerId: beta.customerId,
        amount: '5400.00',
        bankReference: 'RB-1002',
        payerName: null,
        rule: 'customer-number',
        remittanceLines: 0,
      },
      {
        customerId: null,
        amount: '77.00',
        bankReference: 'RB-1003',
        payerName: 'NOBODY WE KNOW',
        rule: null,
        remittanceLines: 0,
      },
    ];
    for (const [index, row] of received.entries()) {
      const want = expected[index];
      const data = {
        paymentId: row.object_id,
        customerId: want.customerId,
        amount: want.amount,
        currency: 'USD',
        method: expect.any(String),
        valueDate: expect.any(String),
        bankReference: want.bankReference,
        paymentReference: null,
        payerName: want.payerName,
        source: 'bai2',
        sourceFileId: fileId,
        identification: want.rule === null ? null : expect.objectContaining({ rule: want.rule }),
        remittanceLines: want.remittanceLines,
      };
      expect(row.data).toEqual(data);
      expect(row.actor).toEqual(expect.any(String));
      expect(row.reason).toBeNull();
      expect(row.related_objects).toEqual([
        ...(want.customerId === null
          ? []
          : [{ type: 'customer', id: want.customerId, qualifier: 'payer' }]),
        { type: 'remittance_file', id: fileId, qualifier: 'source' },
      ]);
      expect(row.payload).toEqual({
        ...data,
        eventType: 'payment.received',
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        actor: row.actor,
      });
      expect(row.headers).toEqual(
        row.correlation_id === null ? {} : { correlationId: row.correlation_id },
      );
    }
  });

  it('joins an advice for money recorded before to that payment, and applies it again with its lines', async () => {
    const customer = await cash.customer();
    const [first, second] = await cash.invoices(customer, [
      { total: '100.00' },
      { total: '250.00' },
    ]);
    const trace = `TRC${randomUUID().slice(0, 8)}`;
    // The bank's credit, without remittance: no invoice or combination of them fits 300.00.
    const credit = bai2File({
      fileId: `C${randomUUID().slice(0, 8)}`,
      credits: [
        {
          cents: centsOf('300.00'),
          bankReference: `CR-${trace}`,
          customerReference: trace,
          customerNumber: customer.customerNumber,
        },
      ],
    });
    const banked = await cash.importFile(credit, 'text/plain');
    expect(banked.status).toBe(201);
    const [payment] = await cash.sql<{ id: string; status: string }>(
      'SELECT id, status FROM payments WHERE payment_reference = $1',
      [trace],
    );
    expect(payment?.status).toBe('unapplied');

    // The customer's advice for the same money, in another file, with its lines.
    const advice = bai2File({
      fileId: `A${randomUUID().slice(0, 8)}`,
      credits: [
        {
          cents: centsOf('300.00'),
          bankReference: `AD-${trace}`,
          customerReference: trace,
          customerNumber: customer.customerNumber,
          documents: [
            { reference: first.number, amount: '100.00' },
            { reference: second.number, amount: '200.00' },
          ],
        },
      ],
    });
    const joined = await cash.importFile(advice, 'text/plain');
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({
      status: 'processed',
      matchedExisting: [{ position: 1, paymentId: payment?.id }],
    });
    // The money is posted once, and applied as the advice explains it.
    const posted = await cash.sql<{ id: string; status: string; applied: string }>(
      `SELECT id, status, amount_applied::text AS applied FROM payments
        WHERE payment_reference = $1`,
      [trace],
    );
    expect(posted).toEqual([{ id: payment?.id, status: 'applied', applied: '300.0000' }]);
    expect(await cash.invoice(first.id)).toMatchObject({ status: 'paid' });
    expect(await cash.invoice(second.id)).toMatchObject({
      status: 'partially_paid',
      open_balance: '50.0000',
    });
  });

  it('refuses a file imported before, by its bytes, its identity or its payments, posting nothing', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '640.00' }]);
    const credits: Bai2Credit[] = [
      {
        cents: centsOf('640.00'),
        bankReference: `RB-${randomUUID().slice(0, 6)}`,
        customerNumber: customer.customerNumber,
        documents: [{ reference: invoice.number, amount: '640.00' }],
      },
    ];
    const fileId = `D${randomUUID().slice(0, 8)}`;
    const content = bai2File({ fileId, credits });
    const first = await cash.importFile(content, 'text/plain');
    expect(first.status).toBe(201);
    const before = await counts();

    const again = await cash.importFile(content, 'application/octet-stream');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'REMITTANCE_FILE.DUPLICATE',
      existingFile: { id: first.body.id, href: `${FILES}/${first.body.id}`, matchedOn: 'content' },
    });
    // The same file with Windows line endings: other bytes, the same identity.
    const crlf = await cash.importFile(content.replace(/\n/g, '\r\n'), 'text/plain');
    expect(crlf.body).toMatchObject({ existingFile: { matchedOn: 'identity' } });
    // The same payments in a new envelope (another file id).
    const envelope = await cash.importFile(
      bai2File({ fileId: `E${randomUUID().slice(0, 8)}`, credits }),
      'text/plain',
    );
    expect(envelope.body).toMatchObject({ existingFile: { matchedOn: 'payload' } });
    expect(await counts()).toEqual(before);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      amount_applied: '640.0000',
    });
  });

  it('posts a file once when several imports of it race', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '999.99' }]);
    const content = bai2File({
      fileId: `R${randomUUID().slice(0, 8)}`,
      credits: [
        {
          cents: centsOf('999.99'),
          bankReference: `RB-${randomUUID().slice(0, 6)}`,
          customerNumber: customer.customerNumber,
          documents: [{ reference: invoice.number, amount: '999.99' }],
        },
      ],
    });
    const before = await counts();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => cash.importFile(content, 'text/plain')),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const after = await counts();
    expect(Number(after?.files) - Number(before?.files)).toBe(1);
    expect(Number(after?.payments) - Number(before?.payments)).toBe(1);
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      amount_applied: '999.9900',
    });
  });

  it('rejects a file whose control total is wrong, naming the record, and imports nothing', async () => {
    const before = await counts();
    const content = bai2File({
      fileId: `W${randomUUID().slice(0, 8)}`,
      credits: [{ cents: 12_345n, bankReference: 'RB-W1', payerName: 'ANYONE' }],
      fileTotalError: 1n,
    });
    const response = await cash.importFile(content, 'text/plain');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'REMITTANCE_FILE.CONTROL_TOTAL_MISMATCH',
      location: { record: '99' },
      errors: [expect.objectContaining({ rule: 'REMITTANCE_FILE.CONTROL_TOTAL_MISMATCH' })],
    });
    expect(response.body.errors[0].path).toMatch(/line 7/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'bai2/harbor-bank.wrong-group-total.bai2',
      'text/plain',
      'REMITTANCE_FILE.CONTROL_TOTAL_MISMATCH',
    ],
    ['bai2/bad-first-record.bai2', 'text/plain', 'REMITTANCE_FILE.MALFORMED'],
    [
      'x12/acme-hardware.820.wrong-segment-count.edi',
      'application/edi-x12',
      'REMITTANCE_FILE.COUNT_MISMATCH',
    ],
    [
      'camt/missing-statement.camt053.001.02.xml',
      'application/xml',
      'REMITTANCE_FILE.MISSING_ELEMENT',
    ],
  ])('refuses %s with %s', async (path, contentType, code) => {
    const response = await cash.importFile(fixture(path), contentType);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe(code);
    expect(response.body.errors[0].path).not.toBe('/body');
  });

  it('refuses a file of another format than the one expected, and what is no known format', async () => {
    const expected = await cash.importFile(fixture('bai2/gulf-bank.newline.bai2'), 'text/plain', {
      format: 'camt054',
    });
    expect(expected.status).toBe(422);
    expect(expected.body.code).toBe('REMITTANCE_FILE.UNRECOGNISED_FORMAT');
    const garbage = await cash.importFile('hello, this is not a bank file', 'text/plain');
    expect(garbage.body).toMatchObject({
      status: 422,
      code: 'REMITTANCE_FILE.UNRECOGNISED_FORMAT',
    });
  });

  it('imports camt.054 and X12 820 files of real layouts, identifying the payer by customer number', async () => {
    const camt = await cash.importFile(
      fixture('camt/pacific-bank.camt054.001.08.xml'),
      'application/xml',
    );
    expect(camt.status).toBe(201);
    expect(camt.body).toMatchObject({ format: 'camt054', formatVersion: '001.08' });
    // This notification declares totals of its own, none per entry.
    expect(camt.body.controlTotals.map((control: { name: string }) => control.name)).toContain(
      'net entries',
    );
    expect(camt.body.paymentControls).toEqual([]);
    expect(camt.body.skipped.length).toBeGreaterThan(0);
    const acme = await cash.customer({ customerNumber: 'C-10042' });
    const [first] = await cash.invoices(acme, [{ total: '1500.00', numberAtLeast: '1301' }]);
    expect(first.number).toBe('INV-00001301');
    const x12 = await cash.importFile(
      fixture('x12/acme-hardware.820.004010.edi'),
      'application/edi-x12',
    );
    expect(x12.status).toBe(201);
    expect(x12.body).toMatchObject({
      format: 'x12_820',
      formatVersion: '004010',
      paymentCount: 1,
      // X12 declares its amounts per transaction set: each payment's figure is counted.
      controlTotals: [],
      paymentControls: [{ name: 'BPR02 vs RMR04 + ADX01', payments: 1 }],
    });
    const [payment] = await cash.sql<{ id: string }>(
      'SELECT id FROM payments WHERE source_file_id = $1',
      [x12.body.id],
    );
    const read = await cash.getPayment(payment?.id ?? '');
    expect(read.body).toMatchObject({
      customer: { id: acme.customerId },
      identification: { rule: 'customer-number' },
      source: 'x12_820',
    });
    expect(read.body.remittanceLines.length).toBe(4);
    expect(read.body.applications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ invoiceId: first.id, rule: 'exact-invoice-number' }),
      ]),
    );
  });

  it('answers 415 to a JSON body and to file media types on other routes, 413 beyond 50 MiB', async () => {
    const json = await cash.checked(
      'importRemittanceFile',
      cash.agent().post(FILES).send({ file: 'no' }),
    );
    expect(json.body).toMatchObject({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    const elsewhere = await cash.checked(
      'recordPayment',
      cash
        .agent()
        .post('/process/v1/payments')
        .set('idempotency-key', randomUUID())
        .set('content-type', 'text/plain')
        .send('{}'),
    );
    expect(elsewhere.status).toBe(415);
    const huge = Buffer.alloc(50 * 1024 * 1024 + 1, 0x41);
    const tooLarge = await cash.importFile(huge, 'application/octet-stream');
    expect(tooLarge.body).toMatchObject({ status: 413, code: 'REQUEST.BODY_TOO_LARGE' });
  });
});
