import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TimerMetrics } from '../metrics/timer.metrics';
import { HoldReminderJob } from './hold-reminder.job';
import { SlaEscalationJob } from './sla-escalation.job';
import { TIMER_SETTINGS, type TimerSettings } from './timer.settings';
import { WakeablePause } from './wakeable-pause';

interface Timer {
  name: string;
  /** One transaction; returns how many rows it claimed. */
  runOnce(): Promise<number>;
}

/**
 * Runs the timers every interval. Each timer repeats while its batches come back full, so a
 * backlog (a worker that was down) clears in one round. All state is in the database: a
 * restarted worker simply finds what is still due. A failing round is logged and counted; the
 * next interval tries again.
 */
@Injectable()
export class TimersRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Timers');
  private readonly timers: Timer[];
  private loop: Promise<void> | undefined;
  private stopping = false;
  private readonly pause = new WakeablePause();

  constructor(
    escalation: SlaEscalationJob,
    reminders: HoldReminderJob,
    private readonly metrics: TimerMetrics,
    @Inject(TIMER_SETTINGS) private readonly settings: TimerSettings,
  ) {
    this.timers = [
      { name: 'sla-escalation', runOnce: async () => (await escalation.runOnce()).claimed },
      { name: 'hold-reminders', runOnce: async () => (await reminders.runOnce()).claimed },
    ];
  }

  onApplicationBootstrap(): void {
    this.logger.log(
      `timers every ${this.settings.intervalMs} ms: SLA escalation, hold reminders at ${this.settings.holdReminderHours.join(', ')} h`,
    );
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      for (const timer of this.timers) await this.drain(timer);
      if (!this.stopping) await this.pause.wait(this.settings.intervalMs);
    }
  }

  private async drain(timer: Timer): Promise<void> {
    try {
      while (!this.stopping && (await timer.runOnce()) >= this.settings.batchSize) {
        // A full batch: more may be due right now.
      }
    } catch (error) {
      this.metrics.failed(timer.name);
      this.logger.warn(`${timer.name} round failed, retried next interval: ${String(error)}`);
    }
  }
}
