import { createHash } from 'node:crypto';
import type { Remittance, RemittanceFileFormat, RemittanceFileIdentity } from './remittance.model';

/** Lower-case hex SHA-256 of the raw bytes (a string is hashed as its UTF-8 bytes). */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * SHA-256 of the remittances as canonical JSON (keys sorted): identical payments hash the same
 * whatever envelope, file name or line endings they arrived in. The JSON goes into the hash in
 * pieces of a few thousand parts: a large file's text is never built whole, and no string is
 * built per object or value (joining an array copies once; concatenating builds a rope that
 * hashing must then flatten).
 */
export function payloadSha256(remittances: readonly Remittance[]): string {
  const hash = createHash('sha256');
  const parts: string[] = ['['];
  for (let index = 0; index < remittances.length; index += 1) {
    if (index > 0) parts.push(',');
    writeJson(remittances[index], parts);
    if (parts.length >= PARTS_PER_UPDATE) {
      hash.update(parts.join(''));
      parts.length = 0;
    }
  }
  parts.push(']');
  hash.update(parts.join(''));
  return hash.digest('hex');
}

const PARTS_PER_UPDATE = 8192;

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
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts: string[] = [];
  writeJson(value, parts);
  return parts.join('');
}

/** Appends the canonical JSON of `value` to `parts`; nothing for what JSON.stringify omits. */
function writeJson(value: unknown, parts: string[]): void {
  if (typeof value === 'string') {
    parts.push(stringJson(value));
  } else if (value === null) {
    parts.push('null');
  } else if (Array.isArray(value)) {
    writeArray(value, parts);
  } else if (typeof value === 'object') {
    writeObject(value, parts);
  } else {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) parts.push(json);
  }
}

function writeArray(value: readonly unknown[], parts: string[]): void {
  parts.push('[');
  for (let index = 0; index < value.length; index += 1) {
    if (index > 0) parts.push(',');
    writeJson(value[index], parts);
  }
  parts.push(']');
}

function writeObject(value: object, parts: string[]): void {
  const record = value as Record<string, unknown>;
  const shape = sortedKeysOf(Object.keys(record));
  parts.push('{');
  let first = true;
  for (let index = 0; index < shape.sorted.length; index += 1) {
    const item = record[shape.sorted[index]];
    if (item === undefined) continue;
    parts.push(first ? shape.first[index] : shape.next[index]);
    // A function or symbol property is written "undefined", as it always was.
    if (typeof item === 'function' || typeof item === 'symbol') parts.push('undefined');
    else writeJson(item, parts);
    first = false;
  }
  parts.push('}');
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
