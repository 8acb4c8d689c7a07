import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CursorKey, decodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { DeprecatedCallCount } from './deprecated-call.tally';

export interface DeprecatedCallsFilter {
  apiId?: string;
  major?: number;
  consumer?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export interface DeprecatedCallRow {
  day: string;
  apiId: string;
  major: number;
  operationId: string;
  consumer: string;
  calls: number;
  firstCallAt: string;
  lastCallAt: string;
}

export function keyOf(row: DeprecatedCallRow): CursorKey {
  return [row.day, row.apiId, row.major, row.operationId, row.consumer];
}

const UTC_TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

@Injectable()
export class DeprecatedCallsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds counts in one statement; concurrent instances add to the same rows safely. */
  async add(counts: readonly DeprecatedCallCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO deprecated_calls AS existing
         (day, api_id, api_major, operation_id, consumer, calls, first_call_at, last_call_at)
       SELECT * FROM unnest($1::date[], $2::text[], $3::integer[], $4::text[], $5::text[],
                            $6::bigint[], $7::timestamptz[], $8::timestamptz[])
       ON CONFLICT (day, api_id, api_major, operation_id, consumer) DO UPDATE SET
         calls = existing.calls + EXCLUDED.calls,
         first_call_at = LEAST(existing.first_call_at, EXCLUDED.first_call_at),
         last_call_at = GREATEST(existing.last_call_at, EXCLUDED.last_call_at)`,
      [
        counts.map((count) => count.day),
        counts.map((count) => count.apiId),
        counts.map((count) => count.apiMajor),
        counts.map((count) => count.operationId),
        counts.map((count) => count.consumer),
        counts.map((count) => count.calls),
        counts.map((count) => count.firstCallAt.toISOString()),
        counts.map((count) => count.lastCallAt.toISOString()),
      ],
    );
  }

  /** One page, newest day first; fetches one extra row to know whether more follow. */
  async findPage(filter: DeprecatedCallsFilter): Promise<DeprecatedCallRow[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (filter.apiId) where((p) => `api_id = ${p}`, filter.apiId);
    if (filter.major !== undefined) where((p) => `api_major = ${p}`, filter.major);
    if (filter.consumer) where((p) => `consumer = ${p}`, filter.consumer);
    if (filter.from) where((p) => `day >= ${p}::date`, filter.from);
    if (filter.to) where((p) => `day <= ${p}::date`, filter.to);
    // The sort key of the last row: (day, api, major, operation, consumer).
    const after = decodeCursor(filter.cursor, ['date', 'text', 'int', 'text', 'text']);
    if (after) {
      const first = parameters.length + 1;
      parameters.push(...after);
      conditions.push(
        `(day, api_id, api_major, operation_id, consumer) < ` +
          `($${first}::date, $${first + 1}, $${first + 2}::integer, $${first + 3}, $${first + 4})`,
      );
    }
    parameters.push(filter.limit + 1);
    const rows = await this.dataSource.query<
      (Omit<DeprecatedCallRow, 'calls'> & { calls: string })[]
    >(
      `SELECT to_char(day, 'YYYY-MM-DD') AS "day", api_id AS "apiId", api_major AS "major",
              operation_id AS "operationId", consumer, calls,
              to_char(first_call_at AT TIME ZONE 'UTC', ${UTC_TIMESTAMP}) AS "firstCallAt",
              to_char(last_call_at AT TIME ZONE 'UTC', ${UTC_TIMESTAMP}) AS "lastCallAt"
         FROM deprecated_calls
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY day DESC, api_id DESC, api_major DESC, operation_id DESC, consumer DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map((row) => ({ ...row, calls: Number(row.calls) }));
  }
}
