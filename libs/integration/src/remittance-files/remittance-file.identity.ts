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

/** Keys as JSON strings, computed once per key name. */
const quotedKeys = new Map<string, string>();

/**
 * JSON with object keys sorted (by UTF-16 code units) and undefined properties left out; an
 * undefined array item is written as nothing, as Array#join writes it.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let json = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) json += ',';
      json += canonicalJson(value[index]) ?? '';
    }
    return `${json}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let json = '{';
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      let quoted = quotedKeys.get(key);
      if (quoted === undefined) {
        quoted = JSON.stringify(key);
        quotedKeys.set(key, quoted);
      }
      json += `${first ? '' : ','}${quoted}:${String(canonicalJson(item))}`;
      first = false;
    }
    return `${json}}`;
  }
  return JSON.stringify(value);
}
