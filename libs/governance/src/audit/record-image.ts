import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import {
  auditImage,
  type AuditImage,
  type CanonicalImage,
  canonicalJson,
  canonicalOf,
  decimalAtScale,
  REDACTED,
  SECRET_PROPERTY,
} from './audit-image';

type ColumnMetadata = EntityMetadata['columns'][number];

/* The audit image of an entity, from its TypeORM metadata: AuditSubscriber uses it for ORM
 * writes, AuditedInserts for rows it writes itself, so both record the same image. */

const DECIMAL_TYPES: ReadonlySet<unknown> = new Set(['numeric', 'decimal']);

/** Column values by property name, decimals at their column's scale; absent (undefined)
 *  columns are left out. */
export function columnValues(
  metadata: EntityMetadata,
  entity: ObjectLiteral | undefined,
): Record<string, unknown> | undefined {
  if (!entity) return undefined;
  const values: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    const value: unknown = column.getEntityValue(entity);
    if (value === undefined) continue;
    values[column.propertyPath] =
      DECIMAL_TYPES.has(column.type) && column.scale !== undefined
        ? decimalAtScale(value, column.scale)
        : value;
  }
  return values;
}

/** Every column of the record: what was not set is null (as the database stores it). */
export function fullImage(metadata: EntityMetadata, values: Record<string, unknown>): AuditImage {
  const image: Record<string, unknown> = {};
  for (const column of metadata.columns) image[column.propertyPath] = values[column.propertyPath];
  return auditImage(image);
}

export function objectIdOf(
  metadata: EntityMetadata,
  entity: ObjectLiteral | undefined,
): string | null {
  if (!entity) return null;
  const parts = metadata.primaryColumns.map((column): unknown => column.getEntityValue(entity));
  if (parts.some((part) => part === undefined || part === null)) return null;
  return parts.map(String).join(':');
}

/** A column's value in an entity: a plain property read, or TypeORM's path for embedded and
 *  relation columns. */
export function entityValue(column: ColumnMetadata, entity: ObjectLiteral): unknown {
  return column.embeddedMetadata || column.relationMetadata
    ? column.getEntityValue(entity)
    : entity[column.propertyName];
}

interface ImageField {
  /** The property name as JSON text ('"orderNumber"'). */
  key: string;
  column: ColumnMetadata;
  scale: number | undefined;
  redacted: boolean;
}

/**
 * The canonical JSON (and digest) of fullImage(metadata, columnValues(metadata, row)), written
 * straight from the entity: the property names sorted once per entity, the common column
 * values (text, numbers, booleans, instants, null) serialised without building the image.
 * For rows written in bulk (AuditedInserts); the result is the generic path's, text for text.
 */
export class RecordImageWriter {
  private readonly fields: ImageField[];

  constructor(metadata: EntityMetadata) {
    this.fields = [...metadata.columns]
      .sort((a, b) =>
        a.propertyPath < b.propertyPath ? -1 : a.propertyPath > b.propertyPath ? 1 : 0,
      )
      .map((column) => ({
        key: JSON.stringify(column.propertyPath),
        column,
        scale: DECIMAL_TYPES.has(column.type) ? column.scale : undefined,
        redacted: SECRET_PROPERTY.test(column.propertyPath),
      }));
  }

  canonical(row: ObjectLiteral): CanonicalImage {
    let json = '{';
    for (const field of this.fields) {
      const raw = entityValue(field.column, row);
      if (raw === undefined) continue;
      const value = field.scale === undefined ? raw : decimalAtScale(raw, field.scale);
      const text = jsonText(value);
      const shown = field.redacted && text !== 'null' ? JSON.stringify(REDACTED) : text;
      json += `${json.length === 1 ? '' : ','}${field.key}:${shown}`;
    }
    return canonicalOf(`${json}}`);
  }
}

/** canonicalJson(value) for one value, with the usual column types on a short path. */
function jsonText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  }
  return value === null ? 'null' : canonicalJson(value);
}
