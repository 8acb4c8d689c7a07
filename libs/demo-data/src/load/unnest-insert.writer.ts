import type { ClientBase } from 'pg';
import type { DemoDataSet } from '../model/demo-data.types';
import { castExpression, parameterType } from './array-literal.encoder';
import type { TableWriter } from './demo-tables';

/** Rows per INSERT: big enough to amortise round trips, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 5_000;

/**
 * `INSERT ... SELECT ... FROM unnest($1::uuid[], $2::text[], ...)`: one statement and one
 * parameter per column for a whole batch, the fastest load pg offers without COPY support.
 */
export function insertStatement(writer: TableWriter): string {
  const names = writer.columns.map((column) => `"${column.name}"`).join(', ');
  const parameters = writer.columns
    .map((column, index) => `$${index + 1}::${parameterType(column.type)}`)
    .join(', ');
  const select = writer.columns
    .map((column) => castExpression(column.name, column.type))
    .join(', ');
  return `INSERT INTO "${writer.table}" (${names}) SELECT ${select} FROM unnest(${parameters}) AS batch(${names})`;
}

/** Writes every row of one table; returns the number of rows written. */
export async function insertAll(
  client: ClientBase,
  writer: TableWriter,
  data: DemoDataSet,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<number> {
  const total = writer.rowCount(data);
  const text = insertStatement(writer);
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    await client.query({ text, values: writer.encode(data, start, end) });
  }
  return total;
}
