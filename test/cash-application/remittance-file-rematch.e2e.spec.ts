import { RemittanceFileResumer } from '@o2c/process-api';
import { randomUUID } from 'node:crypto';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient, FILES } from './cash.client';
import { ageLease, importStopped, UNRECORDABLE } from './remittance-file.stops';

describe('finishing a stopped recording: payments matched at import are not matched again', () => {
  let sliced: CashClient;

  beforeAll(async () => {
    sliced = await CashClient.start({ REMITTANCE_RECORDING_SLICE: '1' });
  });
  afterAll(() => sliced.close());

  it('records the second of two credits with the same trace and amount when only the first matched an earlier payment', async () => {
    const tag = randomUUID().slice(0, 6);
    const trace = `TR${randomUUID().slice(0, 8)}`;
    const gamma = await sliced.customer();
    const credit = (bankReference: string) => ({
      cents: centsOf(UNRECORDABLE),
      bankReference,
      customerReference: trace,
      customerNumber: gamma.customerNumber,
    });
    // One credit of trace T recorded before the file.
    const earlier = bai2File({ fileId: `E${tag}`, credits: [credit(`E1-${tag}`)] });
    expect((await sliced.importFile(earlier, 'text/plain')).status).toBe(201);
    // The file announces that credit, and a second credit with the same trace and amount.
    const content = bai2File({
      fileId: `F${tag}`,
      credits: [credit(`F1-${tag}`), credit(`F2-${tag}`)],
    });
    const fileId = await importStopped(sliced, content);
    await ageLease(sliced, fileId);
    await sliced.gateway.app.get(RemittanceFileResumer).runOnce();
    // Had nothing stopped, the file would have recorded its second credit: so must the resumer.
    const posted = await sliced.sql<{ id: string }>(
      `SELECT id FROM payments WHERE payment_reference = $1 AND status <> 'reversed'`,
      [trace],
    );
    const matched = await sliced.sql<{ report: unknown }>(
      `SELECT import_report -> 'matchedExisting' AS report FROM remittance_files WHERE id = $1`,
      [fileId],
    );
    expect({ posted: posted.length, matched: matched[0]?.report }).toEqual({
      posted: 2,
      matched: [expect.objectContaining({ position: 1 })],
    });
  });

  it('answers a file with an advice matched to an earlier payment within its contract', async () => {
    const tag = randomUUID().slice(0, 6);
    const trace = `TR${randomUUID().slice(0, 8)}`;
    const gamma = await sliced.customer();
    const credit = (bankReference: string) => ({
      cents: centsOf('321.00'),
      bankReference,
      customerReference: trace,
      customerNumber: gamma.customerNumber,
    });
    const earlier = bai2File({ fileId: `E${tag}`, credits: [credit(`E1-${tag}`)] });
    expect((await sliced.importFile(earlier, 'text/plain')).status).toBe(201);
    const later = bai2File({ fileId: `L${tag}`, credits: [credit(`L1-${tag}`)] });
    const imported = await sliced.importFile(later, 'text/plain');
    expect(imported.status).toBe(201);
    expect((imported.body as { matchedExisting: unknown[] }).matchedExisting).toEqual([
      expect.objectContaining({ position: 1 }),
    ]);
    const id = (imported.body as { id: string }).id;
    const read = await sliced.checked('getRemittanceFile', sliced.agent().get(`${FILES}/${id}`));
    expect(read.status).toBe(200);
  });
});
