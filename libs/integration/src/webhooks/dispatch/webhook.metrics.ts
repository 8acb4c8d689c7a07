import { Injectable, Optional } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from '../../metrics/metrics-registry';
import type { AttemptResult, AttemptVerdict } from './webhook-attempt.recorder';

/** Webhook attempts by outcome and how long endpoints take, for the worker's /metrics (when the
 *  app has a MetricsRegistry). */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'outcome' | 'probe'> | undefined;
  private readonly duration: Histogram<'outcome'> | undefined;

  constructor(@Optional() metrics?: MetricsRegistry) {
    if (!metrics) return;
    this.attempts = metrics.metric(
      `${METRIC_PREFIX}webhook_attempts_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}webhook_attempts_total`,
          help: 'Webhook delivery attempts by outcome: delivered, retry (failed, scheduled again), dead (exception queue)',
          labelNames: ['outcome', 'probe'],
          registers: [registry],
        }),
    );
    this.duration = metrics.metric(
      `${METRIC_PREFIX}webhook_attempt_duration_seconds`,
      (registry) =>
        new Histogram({
          name: `${METRIC_PREFIX}webhook_attempt_duration_seconds`,
          help: 'Time from sending a webhook to its answer (or failure)',
          labelNames: ['outcome'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [registry],
        }),
    );
  }

  observe(verdict: AttemptVerdict, result: AttemptResult, probe: boolean): void {
    this.attempts?.inc({ outcome: verdict, probe: String(probe) });
    this.duration?.observe({ outcome: verdict }, result.durationMs / 1000);
  }
}
