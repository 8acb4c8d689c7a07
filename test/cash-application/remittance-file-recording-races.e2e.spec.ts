import { RemittanceFileRecorder, RemittanceFileResumer, RESUMER_ACTOR } from '@o2c/process-api';
import { randomUUID } from 'node:crypto';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient } from './cash.client';
import { ageLease, importStopped, UNRECORDABLE } from './remittance-file.stops';

describe('remittance file recording: races with the resumer', () => {
  let sliced: CashClient;

  beforeAll(async () => {
    sliced = await CashClient.start({ REMITTANCE_RECORDING_SLICE: '1' });
  });
  afterAll(() => sliced.close());

  /** A file of two credits (alpha, then gamma with trace `trace`) whose gamma slice failed. */
  async function stopped(trace: string) {
    const account = `6633${Date.now() % 1e6}`;
    await sliced.customer({ aliases: [account] });
    const gamma = await sliced.customer();
    const tag = randomUUID().slice(0, 6);
    const content = bai2File({
      fileId: `Q${tag}`,
      credits: [
        {
          cents: centsOf('1250.00'),
          bankReference: `QA-${tag}`,
          payerName: 'ALPHA DIST',
          payerAccount: account,
        },
        {
          cents: centsOf(UNRECORDABLE),
          bankReference: `QG-${tag}`,
          customerReference: trace,
          customerNumber: gamma.customerNumber,
        },
      ],
    });
    const fileId = await importStopped(sliced, content);
    return { fileId, gamma, tag };
  }

  it('does not post twice a credit whose trace arrived in another file while the recording was stopped', async () => {
    const trace = `TR${randomUUID().slice(0, 8)}`;
    const { fileId, gamma, tag } = await stopped(trace);
    // The same money, announced by another file before the resumer finished the first.
    const other = bai2File({
      fileId: `O${tag}`,
      credits: [
        {
          cents: centsOf(UNRECORDABLE),
          bankReference: `OG-${tag}`,
          customerReference: trace,
          customerNumber: gamma.customerNumber,
        },
      ],
    });
    expect((await sliced.importFile(other, 'text/plain')).status).toBe(201);
    await ageLease(sliced, fileId);
    await sliced.gateway.app.get(RemittanceFileResumer).runOnce();
    const posted = await sliced.sql<{ id: string }>(
      `SELECT id FROM payments WHERE payment_reference = $1 AND status <> 'reversed'`,
      [trace],
    );
    expect(posted).toHaveLength(1);
  });

  it('records each remittance once when two finish the same stopped recording', async () => {
    // The import still recording when the resumer takes over (a lease that ran out), or two
    // gateways: each reads the positions recorded so far and records the rest.
    const { fileId } = await stopped(`TR${randomUUID().slice(0, 8)}`);
    const recorder = sliced.gateway.app.get(RemittanceFileRecorder);
    const outcomes = await Promise.allSettled([
      recorder.finish(fileId, RESUMER_ACTOR),
      recorder.finish(fileId, RESUMER_ACTOR),
    ]);
    // One records; one that finds the position taken stops, leaving the file as it is.
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const twice = await sliced.sql<{ position: number; n: number }>(
      `SELECT source_position AS position, count(*)::int AS n FROM payments
        WHERE source_file_id = $1 GROUP BY source_position HAVING count(*) > 1`,
      [fileId],
    );
    expect(twice).toEqual([]);
    const positions = await sliced.sql<{ position: number }>(
      'SELECT source_position AS position FROM payments WHERE source_file_id = $1 ORDER BY 1',
      [fileId],
    );
    expect(positions).toEqual([{ position: 1 }, { position: 2 }]);
    const [file] = await sliced.sql<{ recorded: boolean }>(
      'SELECT recorded_at IS NOT NULL AS recorded FROM remittance_files WHERE id = $1',
      [fileId],
    );
    expect(file?.recorded).toBe(true);
  });
});
