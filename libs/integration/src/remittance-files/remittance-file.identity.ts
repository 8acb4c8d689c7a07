import { createHash } from 'node:crypto';
import type { Remittance, RemittanceFileFormat, RemittanceFileIdentity } from './remittance.model';

/** Lower-case hex SHA-256 of the raw bytes (a string is hashed as its UTF-8 bytes). */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * SHA-256 of the remittances as canonical JSON (keys sorted): identical payments hash the same
 * whatever envelope, file name or line endings they arrived in. The JSON goes into the hash
 * remittance by remittance: a large file's text is never built whole.
 */
export function payloadSha256(remittances: readonly Remittance[]): string {
  const hash = createHash('sha256');
  hash.update('[');
  for (let index = 0; index < remittances.length; index += 1) {
    const json = canonicalJson(remittances[index]);
    hash.update(index === 0 ? json : `,${json}`);
  }
  hash.update(']');
  return hash.digest('hex');
}

export interface IdentityParts {
  readonly senderId: string | null;
  readonly receiverId: string | null;
  readonly fileId: string;
  readonly createdAt: string | null;
  readonly documentIds: readonly string[];
  readonly traceNumbers: readonly string[];
}

/**
 * The file's identity from its own identifiers. The key joins format, sender, file id,
 * creation time and document ids, so a bank re-sending the same statement is recognised and a
 * new file that happens to reuse a sequence number on another day is not.
 */
export function fileIdentity(
  format: RemittanceFileFormat,
  parts: IdentityParts,
): RemittanceFileIdentity {
  const key = [
    format,
    parts.senderId ?? '',
    parts.fileId,
    parts.createdAt ?? '',
    ...parts.documentIds,
  ]
    .map((part) => encodeURIComponent(part))
    .join('|');
  return { format, key, ...parts };
}

/** The keys of one object shape, sorted, each as it is written after '{' and after ','. */
interface SortedKeys {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly first: readonly string[];
  readonly next: readonly string[];
}

/**
 * Sorted keys by shape (the Object.keys list), found by the first key: a file's thousands of
 * lines and parties share a few shapes. Bounded, as the values hashed are not all ours.
 */
const shapes = new Map<string, SortedKeys[]>();
const MAX_SHAPES = 512;
let shapeCount = 0;

function sortedKeysOf(keys: readonly string[]): SortedKeys {
  const candidates = shapes.get(keys.length === 0 ? '' : keys[0]);
  if (candidates !== undefined) {
    for (const candidate of candidates) {
      if (sameKeys(candidate.keys, keys)) return candidate;
    }
  }
  const sorted = [...keys].sort();
  const quoted = sorted.map((key) => `${JSON.stringify(key)}:`);
  const shape: SortedKeys = {
    keys,
    sorted,
    first: quoted,
    next: quoted.map((key) => `,${key}`),
  };
  if (shapeCount < MAX_SHAPES) {
    shapeCount += 1;
    if (candidates === undefined) shapes.set(keys.length === 0 ? '' : keys[0], [shape]);
    else candidates.push(shape);
  }
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return false;
  }
  return true;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and undefined properties left out; an
 * undefined array item is written as nothing, as Array#join writes it.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return arrayJson(value);
  if (value !== null && typeof value === 'object') return objectJson(value);
  return JSON.stringify(value);
}

function arrayJson(value: readonly unknown[]): string {
  let json = '[';
  for (let index = 0; index < value.length; index += 1) {
    if (index > 0) json += ',';
    json += canonicalJson(value[index]) ?? '';
  }
  return `${json}]`;
}

function objectJson(value: object): string {
  const record = value as Record<string, unknown>;
  const shape = sortedKeysOf(Object.keys(record));
  let json = '{';
  let first = true;
  for (let index = 0; index < shape.sorted.length; index += 1) {
    const item = record[shape.sorted[index]];
    if (item === undefined) continue;
    json += first ? shape.first[index] : shape.next[index];
    // String(): a function or symbol value writes "undefined", as it always did.
    json += typeof item === 'string' ? stringJson(item) : String(canonicalJson(item));
    first = false;
  }
  return `${json}}`;
}

/** A string as JSON: quoted as is when nothing in it needs an escape. */
function stringJson(text: string): string {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 32 || code === 34 || code === 92 || (code >= 0xd800 && code <= 0xdfff)) {
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}
