import { type CashClient, FILES } from './cash.client';

/** The amount whose payment the test database refuses to record, as a lost connection would. */
export const UNRECORDABLE = '444.44';

const INSTALL_RECORDING_FAILURE = `
  CREATE FUNCTION test_refuse_payment() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.amount = ${UNRECORDABLE} THEN RAISE EXCEPTION 'recording stopped (test)'; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER test_refuse_payment BEFORE INSERT ON payments
    FOR EACH ROW EXECUTE FUNCTION test_refuse_payment()`;

const REMOVE_RECORDING_FAILURE = `
  DROP TRIGGER test_refuse_payment ON payments;
  DROP FUNCTION test_refuse_payment()`;

/** `work` while the database refuses to record a payment of UNRECORDABLE. */
async function withRecordingRefused<T>(client: CashClient, work: () => Promise<T>): Promise<T> {
  await client.sql(INSTALL_RECORDING_FAILURE);
  try {
    return await work();
  } finally {
    await client.sql(REMOVE_RECORDING_FAILURE);
  }
}

/** The file's lease made 10 minutes old: the resumer may take it. */
export function ageLease(client: CashClient, fileId: string): Promise<unknown> {
  return client.sql(
    `UPDATE remittance_files SET application_heartbeat_at = now() - interval '10 minutes'
      WHERE id = $1`,
    [fileId],
  );
}

/**
 * Imports `content` while a payment of UNRECORDABLE cannot be recorded: the import answers 500
 * part-way. Answers the file's id.
 */
export async function importStopped(client: CashClient, content: string): Promise<string> {
  await withRecordingRefused(client, async () => {
    const failed = await client
      .agent()
      .post(FILES)
      .set('content-type', 'text/plain')
      .send(Buffer.from(content));
    expect(failed.status).toBe(500);
  });
  const [file] = await client.sql<{ id: string }>(
    'SELECT id FROM remittance_files WHERE content = $1',
    [Buffer.from(content)],
  );
  return file?.id ?? '';
}
