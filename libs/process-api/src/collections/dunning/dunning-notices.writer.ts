import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A notice the run means to issue; the message is already rendered. */
export interface PlannedNotice {
  invoiceId: string;
  customerId: string;
  invoiceNumber: string;
  level: number;
  levelName: string;
  daysOverdue: number;
  amount: string;
  /** The amount as the message and the event show it ("1250.00"). */
  amountText: string;
  currency: string;
  dueDate: string;
  message: string;
}

export interface IssuedNoticeRow {
  id: string;
  invoiceId: string;
  level: number;
}

/**
 * Issues notices, their process events and their outbox messages in one statement. The insert
 * skips a notice that exists already for the invoice and level (the unique constraint decides:
 * a concurrent run that got there first wins, and this run's row waits for it, then does
 * nothing), and only rows actually inserted produce an event and a message, so a notice is
 * never sent twice.
 */
const ISSUE = `
  WITH planned AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(
      "invoiceId" uuid, "customerId" uuid, "invoiceNumber" text, level int, "levelName" text,
      "daysOverdue" int, amount numeric, "amountText" text, currency text, "dueDate" date,
      message text)
  ), issued AS (
    INSERT INTO dunning_notices
      (invoice_id, customer_id, run_id, level, level_name, days_overdue, amount, currency,
       due_date, as_of, message)
    SELECT "invoiceId", "customerId", $2::uuid, level, "levelName", "daysOverdue", amount,
           currency, "dueDate", $3::date, message
      FROM planned
    ON CONFLICT (invoice_id, level) DO NOTHING
    RETURNING id, invoice_id, level, created_at
  ), events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
    SELECT 'invoice', p."invoiceId"::text, 'invoice.dunned', $4, p."levelName",
           jsonb_build_object('noticeId', i.id, 'level', p.level, 'levelName', p."levelName",
             'daysOverdue', p."daysOverdue", 'runId', $2::text, 'asOf', $3::text),
           jsonb_build_array(
             jsonb_build_object('type', 'customer', 'id', p."customerId", 'qualifier', 'dunned'),
             jsonb_build_object('type', 'dunning_notice', 'id', i.id, 'qualifier', 'notice')),
           $5
      FROM issued i JOIN planned p ON p."invoiceId" = i.invoice_id AND p.level = i.level
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT 'dunning_notice', i.id::text, 'collections.dunning_notice',
           jsonb_build_object(
             'eventType', 'collections.dunning_notice',
             'noticeId', i.id, 'runId', $2::text, 'asOf', $3::text,
             'customerId', p."customerId", 'invoiceId', p."invoiceId",
             'invoiceNumber', p."invoiceNumber", 'level', p.level, 'levelName', p."levelName",
             'daysOverdue', p."daysOverdue",
             'amount', jsonb_build_object('amount', p."amountText", 'currency', p.currency),
             'dueDate', p."dueDate"::text, 'message', p.message,
             'occurredAt', i.created_at, 'actor', $4),
           $6::jsonb
      FROM issued i JOIN planned p ON p."invoiceId" = i.invoice_id AND p.level = i.level
  )
  SELECT id, invoice_id AS "invoiceId", level FROM issued`;

const BATCH = 2_000;

@Injectable()
export class DunningNoticesWriter {
  async issue(
    manager: EntityManager,
    run: { id: string; asOf: string; actor: string; correlationId: string | null },
    notices: PlannedNotice[],
  ): Promise<IssuedNoticeRow[]> {
    const issued: IssuedNoticeRow[] = [];
    const headers = JSON.stringify(run.correlationId ? { correlationId: run.correlationId } : {});
    for (let start = 0; start < notices.length; start += BATCH) {
      const batch = notices.slice(start, start + BATCH);
      issued.push(
        ...(await manager.query<IssuedNoticeRow[]>(ISSUE, [
          JSON.stringify(batch),
          run.id,
          run.asOf,
          run.actor,
          run.correlationId,
          headers,
        ])),
      );
    }
    return issued;
  }
}
