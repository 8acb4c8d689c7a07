import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from './metrics-registry';

/** What the worker's timers did. */
@Injectable()
export class TimerMetrics {
  private readonly escalations: Counter<'outcome'>;
  private readonly reminders: Counter<'level'>;
  private readonly failures: Counter<'timer'>;

  constructor(metrics: MetricsRegistry) {
    this.escalations = metrics.metric(
      `${METRIC_PREFIX}task_escalations_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}task_escalations_total`,
          help: 'Tasks past their SLA: reassigned up the routing policy, or reported overdue (nobody above)',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    );
    this.reminders = metrics.metric(
      `${METRIC_PREFIX}hold_reminders_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}hold_reminders_total`,
          help: 'Reminders sent about aging holds, by reminder level',
          labelNames: ['level'],
          registers: [registry],
        }),
    );
    this.failures = metrics.metric(
      `${METRIC_PREFIX}timer_failures_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}timer_failures_total`,
          help: 'Timer rounds that failed (and were retried at the next interval)',
          labelNames: ['timer'],
          registers: [registry],
        }),
    );
    this.escalations.labels('reassigned').inc(0);
    this.escalations.labels('overdue').inc(0);
  }

  escalated(reassigned: number, overdue: number): void {
    this.escalations.labels('reassigned').inc(reassigned);
    this.escalations.labels('overdue').inc(overdue);
  }

  reminded(level: number): void {
    this.reminders.labels(String(level)).inc();
  }

  failed(timer: string): void {
    this.failures.labels(timer).inc();
  }
}
