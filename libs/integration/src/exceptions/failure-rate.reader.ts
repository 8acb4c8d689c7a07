import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, PING_EVENT_TYPE } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import { INTEGRATION_EXCEPTION_KINDS, type IntegrationExceptionKind } from '@o2c/persistence';
import type { DataSource } from 'typeorm';
import type { FailureRateQuery } from './exception.contract';

export interface RateFigures {
  events: number;
  failures: number;
  failureRate: string | null;
}

export interface FailureRateView extends RateFigures {
  from: string;
  to: string;
  byKind: (RateFigures & { kind: IntegrationExceptionKind })[];
  byPartner: (RateFigures & { partner: string | null })[];
  open: { count: number; oldestCreatedAt: string | null };
}

const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 366 * DAY_MS;
/** The partners with the most failures. */
const PARTNER_ROWS = 50;

const FAILURES = `
  SELECT kind, partner, count(*)::int AS count
    FROM integration_exceptions
   WHERE created_at >= $1 AND created_at < $2
   GROUP BY kind, partner`;

const WEBHOOK_DELIVERIES = `
  SELECT s.customer_id::text AS partner, count(*)::int AS count
    FROM webhook_deliveries d
    JOIN webhook_subscriptions s ON s.id = d.subscription_id
   WHERE d.created_at >= $1 AND d.created_at < $2 AND d.event_type <> $3
   GROUP BY s.customer_id`;

const COUNT_IN_PERIOD = (table: string, column: string) =>
  `SELECT count(*)::int AS count FROM ${table} WHERE ${column} >= $1 AND ${column} < $2`;

const OPEN = `
  SELECT count(*)::int AS count, min(created_at) AS oldest
    FROM integration_exceptions WHERE status = 'open'`;

/** failures / events as a decimal string with 4 places, half up; null without events. */
export function failureRate(failures: number, events: number): string | null {
  return events === 0 ? null : new Decimal(failures).div(events).toFixed(4);
}

function figures(events: number, failures: number): RateFigures {
  return { events, failures, failureRate: failureRate(failures, events) };
}

/**
 * The integration failure rate, computed from the exception queue: entries created in the
 * period against the integration traffic of the period (webhook deliveries queued, outbox
 * messages relayed; inbound events and remittance files received), in total, by kind and by
 * partner. A remittance file is one inbound event, as a parked file is one failure.
 */
@Injectable()
export class FailureRateReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(query: FailureRateQuery): Promise<FailureRateView> {
    const { from, to } = period(query, new Date());
    const parameters = [from, to];
    const run = <T>(sql: string, values: unknown[] = parameters) =>
      this.dataSource.query<T[]>(sql, values);
    const [failures, deliveries, outbox, inbound, files, open] = await Promise.all([
      run<{ kind: IntegrationExceptionKind; partner: string | null; count: number }>(FAILURES),
      run<{ partner: string | null; count: number }>(WEBHOOK_DELIVERIES, [
        from,
        to,
        PING_EVENT_TYPE,
      ]),
      run<{ count: number }>(COUNT_IN_PERIOD('outbox_messages', 'created_at')),
      run<{ count: number }>(COUNT_IN_PERIOD('inbound_events', 'received_at')),
      run<{ count: number }>(COUNT_IN_PERIOD('remittance_files', 'received_at')),
      run<{ count: number; oldest: Date | null }>(OPEN, []),
    ]);
    const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
    const outboundEvents = sum(deliveries) + sum(outbox);
    const inboundEvents = sum(inbound) + sum(files);
    const events = outboundEvents + inboundEvents;
    const failuresOf = (kind: IntegrationExceptionKind) =>
      sum(failures.filter((row) => row.kind === kind));
    const eventsOf: Record<IntegrationExceptionKind, number> = {
      outbound_delivery: outboundEvents,
      inbound_event: inboundEvents,
      integration_error: events,
    };
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      ...figures(events, sum(failures)),
      byKind: INTEGRATION_EXCEPTION_KINDS.map((kind) => ({
        kind,
        ...figures(eventsOf[kind], failuresOf(kind)),
      })),
      byPartner: byPartner(failures, deliveries),
      open: {
        count: open[0]?.count ?? 0,
        oldestCreatedAt: open[0]?.oldest ? open[0].oldest.toISOString() : null,
      },
    };
  }
}

function byPartner(
  failures: { partner: string | null; count: number }[],
  deliveries: { partner: string | null; count: number }[],
): (RateFigures & { partner: string | null })[] {
  const partners = new Map<string, { events: number; failures: number }>();
  const entry = (partner: string) => {
    const found = partners.get(partner) ?? { events: 0, failures: 0 };
    partners.set(partner, found);
    return found;
  };
  for (const row of deliveries) if (row.partner !== null) entry(row.partner).events += row.count;
  for (const row of failures) if (row.partner !== null) entry(row.partner).failures += row.count;
  return [...partners.entries()]
    .map(([partner, counts]) => ({ partner, ...figures(counts.events, counts.failures) }))
    .sort((a, b) => b.failures - a.failures || (a.partner ?? '').localeCompare(b.partner ?? ''))
    .slice(0, PARTNER_ROWS);
}

/** [from, to): the last 24 hours by default, from before to, at most 366 days. */
function period(query: FailureRateQuery, now: Date): { from: Date; to: Date } {
  const to = query.to === undefined ? now : new Date(query.to);
  const from = query.from === undefined ? new Date(to.getTime() - DAY_MS) : new Date(query.from);
  if (from.getTime() >= to.getTime())
    throw ProblemException.invalid('/query/from', 'before-to', 'from must be before to');
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS)
    throw ProblemException.invalid('/query/from', 'max-period', 'the period is at most 366 days');
  return { from, to };
}
