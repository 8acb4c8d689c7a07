/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, as Svix and Stripe sign):
 * the sender sends `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`,
 * a space-separated list of `v1,<base64 HMAC-SHA256>` over `<id>.<timestamp>.<body>` keyed
 * with the bytes of the secret after its `whsec_` prefix. While a secret is rotated the
 * message carries one signature per secret in force, so a receiver holding either verifies it.
 *
 * Pure text rules; the HMAC itself is computed by the caller.
 */

export const SIGNATURE_VERSION = 'v1';
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Key sizes Standard Webhooks allows, in bytes. */
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
/** How far a receiver should let a timestamp drift before refusing a message as a replay. */
export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** The text that is signed: the message id, the timestamp and the exact body bytes sent. */
export function signedContent(messageId: string, timestampSeconds: number, body: string): string {
  if (messageId === '' || /[\s.]/.test(messageId)) {
    throw new RangeError('a webhook message id is non-empty and has no dots or spaces');
  }
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError('a webhook timestamp is whole Unix seconds');
  }
  return `${messageId}.${timestampSeconds}.${body}`;
}

/** `v1,<sig> v1,<sig>`: one entry per base64 signature, in the order given. */
export function signatureHeader(signatures: readonly string[]): string {
  if (signatures.length === 0) throw new RangeError('a webhook carries at least one signature');
  for (const signature of signatures) {
    if (!BASE64.test(signature) || signature === '')
      throw new RangeError(`not a base64 signature: ${signature}`);
  }
  return signatures.map((signature) => `${SIGNATURE_VERSION},${signature}`).join(' ');
}

export interface SignatureEntry {
  readonly version: string;
  readonly signature: string;
}

/** The entries of a `webhook-signature` header; malformed ones are skipped, as receivers do. */
export function parseSignatureHeader(header: string): SignatureEntry[] {
  return header
    .split(' ')
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const comma = entry.indexOf(',');
      if (comma <= 0 || comma === entry.length - 1) return [];
      return [{ version: entry.slice(0, comma), signature: entry.slice(comma + 1) }];
    });
}

/** Whether a text is a well-formed secret: `whsec_` and base64 of 24 to 64 bytes. */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const key = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (key === '' || !BASE64.test(key)) return false;
  const bytes = decodedLength(key);
  return bytes >= WEBHOOK_SECRET_MIN_BYTES && bytes <= WEBHOOK_SECRET_MAX_BYTES;
}

/** The base64 key of a secret (decode it to get the HMAC key bytes). */
export function webhookSecretKey(secret: string): string {
  if (!isWebhookSecret(secret)) throw new RangeError('not a whsec_ secret');
  return secret.slice(WEBHOOK_SECRET_PREFIX.length);
}

/** A secret from the base64 of its random key bytes. */
export function formatWebhookSecret(base64Key: string): string {
  const secret = `${WEBHOOK_SECRET_PREFIX}${base64Key}`;
  if (!isWebhookSecret(secret)) {
    throw new RangeError(
      `a webhook secret key is base64 of ${WEBHOOK_SECRET_MIN_BYTES}-${WEBHOOK_SECRET_MAX_BYTES} bytes`,
    );
  }
  return secret;
}

/** A hint that identifies a secret without revealing it: its prefix and last four characters. */
export function webhookSecretHint(secret: string): string {
  return `${WEBHOOK_SECRET_PREFIX}…${secret.slice(-4)}`;
}

/** The receiver's replay check: is the timestamp within `toleranceSeconds` of its clock? */
export function timestampWithinTolerance(
  timestampSeconds: number,
  nowMs: number,
  toleranceSeconds = DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
): boolean {
  if (!Number.isSafeInteger(timestampSeconds)) return false;
  return Math.abs(nowMs / 1000 - timestampSeconds) <= toleranceSeconds;
}

/** Compares two signatures in time that does not depend on where they differ. */
export function signaturesEqual(expected: string, received: string): boolean {
  let difference = expected.length ^ received.length;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= expected.charCodeAt(index) ^ (received.charCodeAt(index) || 0);
  }
  return difference === 0;
}
