import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the inbox says about an event id: first seen now, or seen before (and whether the
 *  body was the same, and what it was answered). */
export type InboxClaim =
  | { kind: 'new'; inboundEventId: string; receivedAt: Date }
  | {
      kind: 'seen';
      samePayload: boolean;
      outcome: Record<string, unknown> | null;
      /** The invoice a shipped event issued (its stored answer is written before it). */
      invoice: SeenInvoice | null;
    };

export interface SeenInvoice {
  id: string;
  series: string;
  invoiceNumber: string;
  total: string;
  currency: string;
}

export type InboxStatus = 'received' | 'processed' | 'ignored';

interface ClaimRow {
  id: string;
  receivedAt: Date;
}

interface SeenRow {
  samePayload: boolean;
  outcome: Record<string, unknown> | null;
  invoice: SeenInvoice | null;
}

/** The first delivery inserts; a concurrent duplicate waits on the unique key until the first
 *  commits (then finds it) or rolls back (then inserts itself). */
const CLAIM = `
  INSERT INTO inbound_events (source, external_event_id, event_type, occurred_at, payload)
  VALUES ($1, $2, $3, $4, $5::jsonb)
  ON CONFLICT (source, external_event_id) DO NOTHING
  RETURNING id, received_at AS "receivedAt"`;

/** jsonb equality ignores key order and spacing: the same event re-serialized is the same. */
const SEEN = `
  SELECT ie.payload = $3::jsonb AS "samePayload", se.outcome,
         CASE WHEN inv.id IS NULL THEN NULL
              ELSE json_build_object('id', inv.id, 'series', inv.series,
                                     'invoiceNumber', inv.invoice_number::text,
                                     'total', inv.total::text, 'currency', inv.currency) END AS invoice
    FROM inbound_events ie
    LEFT JOIN shipment_events se ON se.inbound_event_id = ie.id
    LEFT JOIN LATERAL (SELECT i.id, i.series, i.invoice_number, i.total, i.currency
                         FROM invoices i
                        WHERE se.type = 'shipped' AND i.shipment_id = se.shipment_id
                        ORDER BY i.created_at, i.id LIMIT 1) inv ON true
   WHERE ie.source = $1 AND ie.external_event_id = $2`;

const SETTLE = `
  UPDATE inbound_events
     SET status = $2, processed_at = CASE WHEN $2 = 'received' THEN NULL ELSE now() END
   WHERE id = ANY($1::uuid[])`;

/**
 * The inbox of shipment events (inbound_events): one row per sender and event id, written in
 * the transaction that applies the event, so a refused event leaves no row and may be sent
 * again. Not audited: the inbox is a record of what arrived, in its own right.
 */
@Injectable()
export class InboundEventsRepository {
  async claim(
    manager: EntityManager,
    source: string,
    event: { eventId: string; type: string; occurredAt: string },
    payload: unknown,
  ): Promise<InboxClaim> {
    const text = JSON.stringify(payload);
    const [claimed] = await manager.query<ClaimRow[]>(CLAIM, [
      source,
      event.eventId,
      event.type,
      event.occurredAt,
      text,
    ]);
    if (claimed) {
      return { kind: 'new', inboundEventId: claimed.id, receivedAt: claimed.receivedAt };
    }
    const [seen] = await manager.query<SeenRow[]>(SEEN, [source, event.eventId, text]);
    return {
      kind: 'seen',
      samePayload: seen?.samePayload ?? false,
      outcome: seen?.outcome ?? null,
      invoice: seen?.invoice ?? null,
    };
  }

  /** received: parked, waiting; processed: applied; ignored: kept as history only. */
  async settle(manager: EntityManager, ids: string[], status: InboxStatus): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(SETTLE, [ids, status]);
  }
}
