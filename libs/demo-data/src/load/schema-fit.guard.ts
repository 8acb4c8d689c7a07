import type { ClientBase } from 'pg';
import { DemoDataError, DemoDataErrorCode } from './demo-data.errors';
import type { TableWriter } from './demo-tables';

interface ColumnInfo {
  table_name: string;
  column_name: string;
  required: boolean;
}

/**
 * Compares the columns the generator writes with the live schema before writing anything, so
 * a migration that renames or adds a required column fails here with a readable list instead
 * of halfway through a load.
 */
export async function assertSchemaFits(
  client: ClientBase,
  writers: readonly TableWriter[],
): Promise<void> {
  const { rows } = await client.query<ColumnInfo>(
    `SELECT table_name, column_name,
            (is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER'
             AND is_identity = 'NO') AS required
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
    [writers.map((writer) => writer.table)],
  );
  const problems: string[] = [];
  for (const writer of writers) {
    const live = rows.filter((row) => row.table_name === writer.table);
    if (live.length === 0) {
      problems.push(`table ${writer.table} does not exist (run the migrations first)`);
      continue;
    }
    const written = new Set(writer.columns.map((column) => column.name));
    const liveNames = new Set(live.map((row) => row.column_name));
    for (const name of written) {
      if (!liveNames.has(name)) problems.push(`${writer.table}.${name} does not exist`);
    }
    for (const row of live) {
      if (row.required && !written.has(row.column_name)) {
        problems.push(`${writer.table}.${row.column_name} is required but not generated`);
      }
    }
  }
  if (problems.length > 0) {
    throw new DemoDataError(
      DemoDataErrorCode.SCHEMA_MISMATCH,
      `The database schema does not match the demo data: ${problems.join('; ')}`,
    );
  }
}
