import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OUTBOX_RELAY_SETTINGS, type OutboxRelaySettings } from './outbox-relay.settings';
import { OutboxRelayService } from './outbox-relay.service';
import { WakeablePause } from '../timers/wakeable-pause';

/** Longest pause after errors (database unreachable) or an unavailable sink. */
const MAX_PAUSE_MS = 5_000;

/**
 * Runs the relay while the worker runs: back to back while batches come back full, else every
 * poll interval. A failed batch (database connection lost, server restarting) is logged and
 * retried with a growing pause; the loop itself never dies. Shutdown lets the running batch
 * finish (or roll back) before the pool closes.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private loop: Promise<void> | undefined;
  private stopping = false;
  private readonly pause = new WakeablePause();

  constructor(
    private readonly relay: OutboxRelayService,
    @Inject(OUTBOX_RELAY_SETTINGS) private readonly settings: OutboxRelaySettings,
  ) {}

  onApplicationBootstrap(): void {
    const sinks = this.relay.sinkNames;
    this.logger.log(
      sinks.length > 0
        ? `outbox relay started; sinks: ${sinks.join(', ')}`
        : 'outbox relay started without sinks: messages are marked delivered',
    );
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let setbacks = 0;
    while (!this.stopping) {
      let pause = this.settings.pollIntervalMs;
      try {
        const result = await this.relay.relayBatch();
        const progressed = result.delivered + result.retried + result.dead > 0;
        if (result.sinkUnavailable) {
          if (setbacks === 0) this.logger.warn(`relay paused: ${result.unavailableReason}`);
          setbacks += 1;
          pause = this.backoff(setbacks);
        } else {
          if (setbacks > 0) this.logger.log('relay resumed');
          setbacks = 0;
          // A full batch, or one cut short by a failure: more is due right now.
          const cutShort = result.retried + result.dead > 0;
          if (progressed && (cutShort || result.claimed >= this.settings.batchSize)) pause = 0;
        }
      } catch (error) {
        setbacks += 1;
        pause = this.backoff(setbacks);
        this.logger.warn(
          `relay batch failed (${setbacks} in a row), next try in ${pause} ms: ${String(error)}`,
        );
      }
      if (pause > 0 && !this.stopping) await this.pause.wait(pause);
    }
  }

  private backoff(setbacks: number): number {
    return Math.min(MAX_PAUSE_MS, this.settings.pollIntervalMs * 2 ** Math.min(setbacks, 10));
  }
}
