import { createHash } from 'node:crypto';
import type { Remittance, RemittanceFileFormat, RemittanceFileIdentity } from './remittance.model';

/** Lower-case hex SHA-256 of the raw bytes (a string is hashed as its UTF-8 bytes). */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * SHA-256 of the remittances as canonical JSON (keys sorted): identical payments hash the same
 * whatever envelope, file name or line endings they arrived in.
 */
export function payloadSha256(remittances: readonly Remittance[]): string {
  return sha256Hex(canonicalJson(remittances));
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

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
