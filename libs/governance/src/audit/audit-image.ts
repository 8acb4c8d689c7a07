import { hash } from 'node:crypto';

/** A JSON-safe picture of one record as the audit log keeps it (jsonb `before` / `after`). */
export type AuditImage = Record<string, unknown>;

/** Properties whose values never leave their table, not even into the audit log. */
export const SECRET_PROPERTY = /secret|password/i;
export const REDACTED = '[redacted]';

/**
 * Plain JSON values only: Dates become ISO strings, undefined properties disappear (null in
 * arrays), SQL expressions handed to a query builder are kept as text. What is stored is what
 * the digest covers, so the digest can be re-computed from the jsonb column.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function') return `sql: ${String((value as () => unknown)())}`;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return toJsonValue(json.call(value));
    const record = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (item !== undefined) copy[key] = toJsonValue(item);
    }
    return copy;
  }
  return value;
}

const DECIMAL_TEXT = /^(-?\d+)(?:\.(\d*))?$/;

/**
 * A decimal as a numeric(p, scale) column stores it: '75000.00' written by code and
 * '75000.0000' read back are one value, and must not make before and after differ.
 */
export function decimalAtScale(value: unknown, scale: number): unknown {
  const text = typeof value === 'string' ? value : undefined;
  const match = text === undefined ? null : DECIMAL_TEXT.exec(text);
  if (!match) return value;
  const fraction = (match[2] ?? '').padEnd(scale, '0');
  return scale > 0 || fraction.length > 0 ? `${match[1]}.${fraction}` : match[1];
}

/** A record's image with secrets redacted (their change still shows in version/updatedAt). */
export function auditImage(values: Record<string, unknown>): AuditImage {
  const image = toJsonValue(values) as AuditImage;
  for (const key of Object.keys(image)) {
    if (SECRET_PROPERTY.test(key) && image[key] !== null) image[key] = REDACTED;
  }
  return image;
}

/** JSON with object keys sorted at every level and no whitespace: equal images, equal text. */
export function canonicalJson(value: unknown): string {
  return canonicalText(toJsonValue(value));
}

/** canonicalJson of a value that is plain JSON already (what toJsonValue returns). */
function canonicalText(json: unknown): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  if (Array.isArray(json)) return `[${json.map(canonicalText).join(',')}]`;
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    text += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${canonicalText(record[key])}`;
  }
  return `${text}}`;
}

/** sha256 (hex) of the canonical JSON of an image; null when there is no image. */
export function auditDigest(image: AuditImage | null): string | null {
  return image === null ? null : canonicalImage(image).digest;
}

/** An image as the audit log stores it: its canonical JSON (the jsonb column's value) and
 *  that text's digest, computed once for both. */
export interface CanonicalImage {
  json: string;
  digest: string;
}

export function canonicalImage(image: AuditImage): CanonicalImage {
  return canonicalOf(canonicalJson(image));
}

/** The digest of canonical JSON text. */
export function canonicalOf(json: string): CanonicalImage {
  return { json, digest: hash('sha256', json, 'hex') };
}
