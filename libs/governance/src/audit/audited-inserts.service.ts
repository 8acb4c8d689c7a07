import { Injectable } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import type { BatchedStatement, StatementBatch } from '@o2c/persistence';
import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  ValueTransformer,
} from 'typeorm';
import { UNAUDITED_TABLES } from './audit.subscriber';
import { decimalAtScale } from './audit-image';
import { AuditTrail } from './audit-trail.service';
import { entityValue, objectIdOf, RecordImageWriter } from './record-image';

type ColumnMetadata = EntityMetadata['columns'][number];

/** One statement per table and set of supplied columns. */
interface InsertPlan {
  text: string;
  /** Columns given by the rows, one array parameter each. */
  supplied: ColumnMetadata[];
  /** Columns the database fills or may change (defaults, version, timestamps), read back. */
  returned: ColumnMetadata[];
  /** Supplied numeric columns with a scale: kept in memory as the column stores them. */
  decimals: ColumnMetadata[];
  /** Columns neither supplied nor read back: null in the table, so null in memory too. */
  unset: ColumnMetadata[];
  images: RecordImageWriter;
}

const TIMESTAMP_TYPES: ReadonlySet<string> = new Set([
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
]);
const TEXT_IN_JSON: ReadonlySet<string> = new Set(['numeric', 'decimal', 'bigint', 'int8']);

/** Array parameter types: `character[]` would cut values to one character, bpchar keeps them. */
function arrayType(dataSource: DataSource, column: ColumnMetadata): string {
  const type = dataSource.driver.normalizeType(column);
  return `${type === 'character' || type === 'char' ? 'bpchar' : type}[]`;
}

function transform(transformer: ColumnMetadata['transformer'], value: unknown, way: 'to' | 'from') {
  if (!transformer) return value;
  const chain: ValueTransformer[] = Array.isArray(transformer) ? transformer : [transformer];
  return chain.reduce<unknown>((current, step) => step[way](current), value);
}

const quote = (name: string) => `"${name}"`;

/** A returned column in JSON-safe form: decimals and bigints as text, as pg returns them. */
function returning(column: ColumnMetadata): string {
  const name = quote(column.databaseName);
  return TEXT_IN_JSON.has(String(column.type)) ? `${name}::text AS ${name}` : name;
}

/** A RETURNING value as TypeORM would hydrate it (timestamps arrive as ISO text in JSON). */
function hydrated(column: ColumnMetadata, value: unknown): unknown {
  const parsed =
    typeof value === 'string' && TIMESTAMP_TYPES.has(String(column.type)) ? new Date(value) : value;
  return transform(column.transformer, parsed, 'from');
}

/**
 * New rows of an entity in one prepared INSERT ... SELECT FROM unnest(...) (its text does not
 * depend on the number of rows), part of the caller's StatementBatch, audited as the ORM's own
 * insert would be: what TypeORM reads back after an insert (defaults, version, timestamps) is
 * read back and merged into the entities, then each row is recorded with the image
 * AuditSubscriber would record. It costs a fraction of the ORM's query building per row. Rows
 * must leave the same columns unset (each unset column takes its database default); mixed
 * rows go through the ORM, after what the batch holds.
 */
@Injectable()
export class AuditedInserts {
  private readonly plans = new Map<string, InsertPlan>();

  constructor(private readonly trail: AuditTrail) {}

  async add<T extends ObjectLiteral>(
    batch: StatementBatch,
    manager: EntityManager,
    target: EntityTarget<T>,
    rows: T[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const metadata = manager.connection.getMetadata(target);
    const supplied = metadata.columns.filter((column) =>
      rows.some((row) => entityValue(column, row) !== undefined),
    );
    const mixed = supplied.some((column) =>
      rows.some((row) => entityValue(column, row) === undefined),
    );
    if (mixed || metadata.primaryColumns.some((column) => !supplied.includes(column))) {
      await batch.flush();
      await manager.insert(target, rows);
      return;
    }
    batch.add(this.statement(manager, metadata, supplied, rows));
  }

  private statement(
    manager: EntityManager,
    metadata: EntityMetadata,
    supplied: ColumnMetadata[],
    rows: ObjectLiteral[],
  ): BatchedStatement {
    const plan = this.planFor(manager.connection, metadata, supplied);
    const settle = async (written: Record<string, unknown>[]) => {
      this.mergeReturned(metadata, plan, rows, written);
      if (this.trail.isRecording() && !UNAUDITED_TABLES.has(metadata.tableName)) {
        for (const row of rows) {
          await this.trail.recordCanonical(manager, {
            objectType: metadata.tableName,
            objectId: objectIdOf(metadata, row),
            before: null,
            after: plan.images.canonical(row),
          });
        }
      }
      for (const row of rows) this.keepAsStored(plan, row);
    };
    return {
      text: plan.text,
      values: plan.supplied.map((column) =>
        rows.map((row) => transform(column.transformer, entityValue(column, row), 'to')),
      ),
      settle,
    };
  }

  /** Values as the database stored them, matched to the rows by primary key. */
  private mergeReturned(
    metadata: EntityMetadata,
    plan: InsertPlan,
    rows: ObjectLiteral[],
    written: Record<string, unknown>[],
  ): void {
    const keyOf = (values: unknown[]) => values.map(String).join(':');
    const byKey = new Map(
      written.map((row) => [
        keyOf(metadata.primaryColumns.map((column) => row[column.databaseName])),
        row,
      ]),
    );
    for (const row of rows) {
      const stored = byKey.get(
        keyOf(metadata.primaryColumns.map((column) => entityValue(column, row))),
      );
      if (!stored) throw new Error(`${metadata.tableName}: an inserted row was not returned`);
      for (const column of plan.returned) {
        column.setEntityValue(row, hydrated(column, stored[column.databaseName]));
      }
    }
  }

  /** The entity as a read would show the row: '12.5' written to numeric(19,4) reads back as
   *  '12.5000' (rounded beyond 4 places), a column left unset as null. */
  private keepAsStored(plan: InsertPlan, row: ObjectLiteral): void {
    for (const column of plan.unset) column.setEntityValue(row, null);
    for (const column of plan.decimals) {
      const value = entityValue(column, row);
      if (typeof value !== 'string' || column.scale === undefined) continue;
      const padded = decimalAtScale(value, column.scale);
      const stored =
        typeof padded === 'string' && padded.split('.')[1]?.length === column.scale
          ? padded
          : new Decimal(value).toFixed(column.scale, Decimal.ROUND_HALF_UP);
      column.setEntityValue(row, stored);
    }
  }

  private planFor(
    dataSource: DataSource,
    metadata: EntityMetadata,
    supplied: ColumnMetadata[],
  ): InsertPlan {
    const cacheKey = `${metadata.tableName}:${supplied.map((column) => column.databaseName).join(',')}`;
    const cached = this.plans.get(cacheKey);
    if (cached) return cached;
    const returned = metadata.getInsertionReturningColumns();
    const keys = metadata.primaryColumns.filter((column) => !returned.includes(column));
    const plan = {
      text: `INSERT INTO ${quote(metadata.tableName)}
        (${supplied.map((column) => quote(column.databaseName)).join(', ')})
        SELECT * FROM unnest(${supplied.map((column, index) => `$${index + 1}::${arrayType(dataSource, column)}`).join(', ')})
        RETURNING ${[...keys, ...returned].map(returning).join(', ')}`,
      supplied,
      returned,
      images: new RecordImageWriter(metadata),
      unset: metadata.columns.filter(
        (column) => !supplied.includes(column) && !returned.includes(column),
      ),
      decimals: supplied.filter(
        (column) =>
          column.type === 'numeric' && column.scale !== undefined && !returned.includes(column),
      ),
    };
    this.plans.set(cacheKey, plan);
    return plan;
  }
}
