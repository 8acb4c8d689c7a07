import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, type Page, toPage } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { ListShipmentEventsQuery } from '../shipment-event.contract';
import { presentShipmentEvent, type ShipmentEventRow } from './shipment-detail.presenter';
import { EVENT_COLUMNS } from './shipment-detail.reader';

type EventRow = ShipmentEventRow & { keysetAt: string };

/** Newest first; the key keeps microseconds as text so the cursor loses nothing. */
const PAGE = `
  SELECT ${EVENT_COLUMNS},
         to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "keysetAt"
    FROM shipment_events e
   WHERE ($1::text IS NULL OR e.source = $1)
     AND ($2::text IS NULL OR e.status = $2)
     AND ($3::text IS NULL OR e.type = $3)
     AND ($4::timestamptz IS NULL OR (e.created_at, e.id) < ($4::timestamptz, $5::uuid))
   ORDER BY e.created_at DESC, e.id DESC
   LIMIT $6`;

/** Received shipment events, newest first: every sender's for staff, a sender's own for it. */
@Injectable()
export class ShipmentEventsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(source: string | null, query: ListShipmentEventsQuery): Promise<Page<unknown>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.dataSource.manager.query<EventRow[]>(PAGE, [
      source,
      query.status ?? null,
      query.type ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      query.limit + 1,
    ]);
    return toPage(rows, query.limit, (row) => [row.keysetAt, row.id], presentShipmentEvent);
  }
}
