import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';

export const NATS_URL = 'nats://127.0.0.1:4222';

export interface StoredEvent {
  streamSequence: number;
  subject: string;
  /** The Nats-Msg-Id header: the outbox message id. */
  messageId: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A stream name and subject prefix no other test run uses. */
export function uniqueNatsNames(label: string): { stream: string; prefix: string } {
  const tag = `${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  return { stream: `TEST_${tag}`.toUpperCase(), prefix: `test_${tag}`.toLowerCase() };
}

export async function withNats<T>(work: (connection: NatsConnection) => Promise<T>): Promise<T> {
  const connection = await connect({ servers: NATS_URL, name: 'o2c-test' });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Every message the stream stores, in stream order. */
export function readStream(stream: string): Promise<StoredEvent[]> {
  return withNats(async (connection) => {
    const manager = await jetstreamManager(connection);
    const info = await manager.streams.info(stream);
    const events: StoredEvent[] = [];
    for (
      let seq = info.state.first_seq;
      seq <= info.state.last_seq && info.state.messages > 0;
      seq += 1
    ) {
      const stored = await manager.streams.getMessage(stream, { seq });
      if (!stored) continue;
      const headers: Record<string, string> = {};
      for (const [key, values] of stored.header ?? []) headers[key] = values[0] ?? '';
      events.push({
        streamSequence: stored.seq,
        subject: stored.subject,
        messageId: headers['Nats-Msg-Id'] ?? '',
        headers,
        body: stored.json<Record<string, unknown>>(),
      });
    }
    return events;
  });
}

export async function streamConfig(stream: string) {
  return withNats(
    async (connection) => (await (await jetstreamManager(connection)).streams.info(stream)).config,
  );
}

export async function deleteStream(stream: string): Promise<void> {
  await withNats(async (connection) => {
    const manager = await jetstreamManager(connection);
    await manager.streams.delete(stream).catch(() => false);
  });
}

/** Every publish on `<prefix>.>` as it happens, duplicates included (the stream stores each
 *  id once; a plain subscriber sees every publish). */
export class PublishTap {
  readonly ids: string[] = [];
  private constructor(private readonly connection: NatsConnection) {}

  static async open(prefix: string): Promise<PublishTap> {
    const connection = await connect({ servers: NATS_URL, name: 'o2c-test-tap' });
    const tap = new PublishTap(connection);
    tap.listen(connection.subscribe(`${prefix}.>`));
    await connection.flush();
    return tap;
  }

  private listen(subscription: Subscription): void {
    void (async () => {
      for await (const message of subscription) {
        this.ids.push(message.headers?.get('Nats-Msg-Id') ?? '');
      }
    })();
  }

  async close(): Promise<void> {
    await this.connection.drain();
  }
}
