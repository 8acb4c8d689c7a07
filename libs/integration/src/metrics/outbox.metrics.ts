import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { METRIC_PREFIX, MetricsRegistry } from './metrics-registry';

/** What became of one message in a relay batch. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

const OUTBOX_BACKLOG = `
  SELECT status, count(*)::int AS count
    FROM outbox_messages
   WHERE status IN ('pending', 'failed', 'dead')
   GROUP BY status`;

const OLDEST_UNDELIVERED = `
  SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)::float8 AS age
    FROM outbox_messages
   WHERE status IN ('pending', 'failed')`;

const OPEN_EXCEPTIONS = `
  SELECT kind, count(*)::int AS count
    FROM integration_exceptions
   WHERE status = 'open'
   GROUP BY kind`;

const EXCEPTION_KINDS = ['outbound_delivery', 'inbound_event', 'integration_error'] as const;

/**
 * The worker's delivery metrics. Counters and the lag histogram are updated by the relay as it
 * commits; backlog and exception-queue gauges are read from the database at scrape time, so
 * they are right whichever worker did the work.
 */
@Injectable()
export class OutboxMetrics {
  private readonly logger = new Logger('OutboxMetrics');
  private readonly lag: Histogram<string>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly sinkFailures: Counter<'sink'>;
  private readonly batchDuration: Histogram<string>;

  constructor(metrics: MetricsRegistry, @InjectDataSource() dataSource: DataSource) {
    this.lag = metrics.metric(
      `${METRIC_PREFIX}outbox_lag_seconds`,
      (registry) =>
        new Histogram({
          name: `${METRIC_PREFIX}outbox_lag_seconds`,
          help: 'Time from an outbox message being written to its delivery to every sink',
          buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
          registers: [registry],
        }),
    );
    this.deliveries = metrics.metric(
      `${METRIC_PREFIX}outbox_deliveries_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}outbox_deliveries_total`,
          help: 'Outbox message delivery attempts by outcome: delivered, retry (failed, scheduled again), dead (exception queue)',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    );
    this.sinkFailures = metrics.metric(
      `${METRIC_PREFIX}outbox_sink_failures_total`,
      (registry) =>
        new Counter({
          name: `${METRIC_PREFIX}outbox_sink_failures_total`,
          help: 'Failed deliveries by the sink that failed',
          labelNames: ['sink'],
          registers: [registry],
        }),
    );
    this.batchDuration = metrics.metric(
      `${METRIC_PREFIX}outbox_batch_duration_seconds`,
      (registry) =>
        new Histogram({
          name: `${METRIC_PREFIX}outbox_batch_duration_seconds`,
          help: 'Duration of one relay transaction: claim, deliver, record',
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers: [registry],
        }),
    );
    for (const outcome of ['delivered', 'retry', 'dead'] as const) {
      this.deliveries.labels(outcome).inc(0);
    }
    this.registerDatabaseGauges(metrics, dataSource);
  }

  delivered(lagMs: number): void {
    this.deliveries.labels('delivered').inc();
    this.lag.observe(Math.max(lagMs, 0) / 1000);
  }

  failed(outcome: Exclude<DeliveryOutcome, 'delivered'>, sink: string): void {
    this.deliveries.labels(outcome).inc();
    this.sinkFailures.labels(sink).inc();
  }

  batch(durationMs: number): void {
    this.batchDuration.observe(durationMs / 1000);
  }

  private registerDatabaseGauges(metrics: MetricsRegistry, dataSource: DataSource): void {
    const logger = this.logger;
    const read = async <T>(sql: string): Promise<T[] | undefined> => {
      try {
        return await dataSource.query<T[]>(sql);
      } catch (error) {
        // A scrape during a database outage keeps the last values instead of failing.
        logger.warn(`metrics query failed: ${String(error)}`);
        return undefined;
      }
    };
    metrics.metric(
      `${METRIC_PREFIX}outbox_backlog`,
      (registry) =>
        new Gauge({
          name: `${METRIC_PREFIX}outbox_backlog`,
          help: 'Outbox messages not delivered, by status: pending, failed (retry scheduled), dead',
          labelNames: ['status'],
          registers: [registry],
          async collect() {
            const rows = await read<{ status: string; count: number }>(OUTBOX_BACKLOG);
            if (!rows) return;
            for (const status of ['pending', 'failed', 'dead']) {
              this.labels(status).set(rows.find((row) => row.status === status)?.count ?? 0);
            }
          },
        }),
    );
    metrics.metric(
      `${METRIC_PREFIX}outbox_oldest_undelivered_age_seconds`,
      (registry) =>
        new Gauge({
          name: `${METRIC_PREFIX}outbox_oldest_undelivered_age_seconds`,
          help: 'Age of the oldest pending or failed outbox message (0 when none)',
          registers: [registry],
          async collect() {
            const rows = await read<{ age: number }>(OLDEST_UNDELIVERED);
            if (rows) this.set(rows[0]?.age ?? 0);
          },
        }),
    );
    metrics.metric(
      `${METRIC_PREFIX}integration_exceptions_open`,
      (registry) =>
        new Gauge({
          name: `${METRIC_PREFIX}integration_exceptions_open`,
          help: 'Open entries of the integration exception queue, by kind',
          labelNames: ['kind'],
          registers: [registry],
          async collect() {
            const rows = await read<{ kind: string; count: number }>(OPEN_EXCEPTIONS);
            if (!rows) return;
            for (const kind of EXCEPTION_KINDS) {
              this.labels(kind).set(rows.find((row) => row.kind === kind)?.count ?? 0);
            }
          },
        }),
    );
  }
}
