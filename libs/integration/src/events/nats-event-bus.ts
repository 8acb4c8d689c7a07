import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { jetstream, type JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureEventStream } from './jetstream-stream';
import { WakeablePause } from '../timers/wakeable-pause';
import { NATS_SETTINGS, type NatsSettings } from './nats-settings';

type BusState = 'connecting' | 'ready' | 'disconnected' | 'closed';

/** Pause between attempts to set up the stream when the server refuses (JetStream off...). */
const STREAM_RETRY_MS = 5000;
/** Longest pause between attempts of the first connection. */
const CONNECT_RETRY_MAX_MS = 5000;

/**
 * The worker's NATS connection. It connects in the background (a broker that is down at boot
 * does not keep the worker, its webhooks and timers from starting), keeps trying, and
 * ensures the events stream before reporting ready. `client()` is undefined unless ready, which
 * the sink reports as "unavailable" so the relay waits instead of spending retries.
 */
@Injectable()
export class NatsEventBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NatsEventBus');
  private connection: NatsConnection | undefined;
  private stream: JetStreamClient | undefined;
  private state: BusState = 'connecting';
  private readonly pause = new WakeablePause();

  constructor(@Inject(NATS_SETTINGS) readonly settings: NatsSettings) {}

  onApplicationBootstrap(): void {
    void this.start();
  }

  /** Resolves once connected and the stream exists (tests and the bench wait on it). */
  async ready(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.state !== 'ready' && Date.now() < until && this.state !== 'closed') {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.state === 'ready';
  }

  client(): JetStreamClient | undefined {
    return this.state === 'ready' ? this.stream : undefined;
  }

  get status(): BusState {
    return this.state;
  }

  /** Drains the connection; a first connect still pending closes itself when it completes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.pause.wake();
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => undefined);
    }
  }

  /** First connection: retried here (cancellable by shutdown); once connected, the client
   *  reconnects by itself for as long as the worker runs. */
  private async start(): Promise<void> {
    for (let failures = 0; !this.isClosing(); failures += 1) {
      try {
        this.connection = await connect({
          servers: this.settings.url,
          name: 'o2c-worker',
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
        });
        break;
      } catch (error) {
        if (failures === 0) {
          this.logger.error(`cannot connect to ${this.settings.url}, retrying: ${String(error)}`);
        }
        await this.pause.wait(Math.min(CONNECT_RETRY_MAX_MS, 500 * 2 ** Math.min(failures, 4)));
      }
    }
    if (!this.connection) return;
    if (this.isClosing()) {
      await this.connection.close();
      return;
    }
    void this.watch(this.connection);
    await this.ensureStream(this.connection);
  }

  private async ensureStream(connection: NatsConnection): Promise<void> {
    while (!this.isClosing()) {
      try {
        const outcome = await ensureEventStream(await jetstreamManager(connection), this.settings);
        this.stream = jetstream(connection);
        this.state = 'ready';
        this.logger.log(
          `publishing to stream ${this.settings.stream} (${outcome}), subjects ${this.settings.subjectPrefix}.>`,
        );
        return;
      } catch (error) {
        this.logger.error(`stream ${this.settings.stream} not ready: ${String(error)}`);
        await this.pause.wait(STREAM_RETRY_MS);
      }
    }
  }

  private async watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (this.isClosing()) return;
      if (status.type === 'disconnect') {
        if (this.stream) this.state = 'disconnected';
        this.logger.warn(`disconnected from ${status.server}; reconnecting`);
      } else if (status.type === 'reconnect') {
        if (this.stream) this.state = 'ready';
        this.logger.log(`reconnected to ${status.server}`);
      }
    }
  }

  private isClosing(): boolean {
    return this.state === 'closed';
  }
}
