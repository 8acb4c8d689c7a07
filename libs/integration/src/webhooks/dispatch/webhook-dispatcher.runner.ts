import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { WebhookAttemptRecorder } from './webhook-attempt.recorder';
import { WebhookAttemptSender } from './webhook-attempt.sender';
import { type ClaimedDelivery, WebhookDeliveryClaims } from './webhook-delivery.claims';
import { WebhookMetrics } from './webhook.metrics';

/** Longest pause after the database failed us, or while every slot is busy. */
const MAX_PAUSE_MS = 10_000;

/**
 * Sends due webhook deliveries while the worker runs: up to WEBHOOK_CONCURRENCY attempts in
 * flight, fed from a local queue that is claimed ahead (up to twice the concurrency, in
 * batches of at least a quarter of it) so a slot that frees up starts its next attempt without
 * a database round trip; it polls when nothing is due. A failed claim or recording (database
 * down) is logged and retried later: a delivery whose outcome was not recorded is sent again
 * when its lease runs out, with the same webhook-id. On shutdown the attempts in flight finish
 * and are recorded; claimed ones not started are handed back.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly ready: ClaimedDelivery[] = [];
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private slotFreed = false;

  constructor(
    private readonly claims: WebhookDeliveryClaims,
    private readonly sender: WebhookAttemptSender,
    private readonly recorder: WebhookAttemptRecorder,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Optional() private readonly metrics?: WebhookMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const policy = this.settings.addressPolicy;
    if (policy.allowInsecureHttp || policy.allowPrivateAddresses) {
      this.logger.warn(
        'webhooks may reach http:// or private addresses (WEBHOOK_ALLOW_INSECURE_HTTP / WEBHOOK_ALLOW_PRIVATE_ADDRESSES): for local development only',
      );
    }
    this.logger.log(`webhook dispatcher started (${this.settings.concurrency} in flight at most)`);
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    const unstarted = this.ready.splice(0);
    await this.claims.release(unstarted).catch((error: unknown) => {
      this.logger.warn(
        `${unstarted.length} claimed deliveries wait for their lease: ${String(error)}`,
      );
    });
    await Promise.allSettled([...this.inFlight]);
  }

  private get claimBatch(): number {
    return Math.max(1, Math.floor(this.settings.concurrency / 4));
  }

  private async run(): Promise<void> {
    let setbacks = 0;
    while (!this.stopping) {
      this.startReady();
      let pause = this.settings.pollIntervalMs;
      const wanted = 2 * this.settings.concurrency - this.inFlight.size - this.ready.length;
      if (wanted >= this.claimBatch) {
        try {
          const claimed = await this.claims.claim(wanted);
          setbacks = 0;
          this.ready.push(...claimed);
          this.startReady();
          // A full claim means more may be due: claim again as soon as there is room.
          if (claimed.length === wanted) pause = 0;
        } catch (error) {
          setbacks += 1;
          pause = Math.min(
            MAX_PAUSE_MS,
            this.settings.pollIntervalMs * 2 ** Math.min(setbacks, 10),
          );
          this.logger.warn(`claiming deliveries failed (${setbacks} in a row): ${String(error)}`);
        }
      }
      if (!this.stopping) await this.idle(pause);
    }
  }

  private startReady(): void {
    while (!this.stopping && this.inFlight.size < this.settings.concurrency) {
      const delivery = this.ready.shift();
      if (!delivery) return;
      this.track(this.dispatch(delivery));
    }
  }

  private async dispatch(delivery: ClaimedDelivery): Promise<void> {
    try {
      const result = await this.sender.attempt(delivery);
      const recorded = await this.recorder.record(delivery, result);
      this.metrics?.observe(recorded.verdict, result, delivery.probe);
      if (recorded.circuitOpen) await this.holdBack(delivery.subscriptionId);
    } catch (error) {
      this.logger.error(
        `delivery ${delivery.id} (webhook-id ${delivery.messageId}) not recorded, sent again after its lease: ${String(error)}`,
      );
    }
  }

  /** The endpoint's circuit opened: what waits here for it goes back to wait for the probe. */
  private async holdBack(subscriptionId: string): Promise<void> {
    const held: ClaimedDelivery[] = [];
    for (let index = this.ready.length - 1; index >= 0; index -= 1) {
      const delivery = this.ready[index];
      if (delivery?.subscriptionId === subscriptionId) held.push(...this.ready.splice(index, 1));
    }
    await this.claims.release(held);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.slotFreed = true;
      this.wake?.();
    });
  }

  /**
   * Waits for the pause, or less: a slot freed since the last look (even while a claim was
   * running) ends the wait at once, so finished attempts never wait for a poll. When there is
   * no room to claim a batch, it waits for a slot rather than for the poll.
   */
  private idle(pause: number): Promise<void> {
    const room = 2 * this.settings.concurrency - this.inFlight.size - this.ready.length;
    const full = room < this.claimBatch;
    if (this.slotFreed || (pause === 0 && !full)) {
      this.slotFreed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, full ? MAX_PAUSE_MS : pause);
      const wake = () => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }
}
