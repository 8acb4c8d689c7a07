import { hash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-image';

export interface FingerprintedRequest {
  method: string;
  /** The concrete path, parameters filled in: /system/v1/customers/42/ship-tos */
  path: string;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
}

/**
 * The operation's path template with the request's (validated) path parameters filled in, so
 * `/customers/42` and `/customers/42/` or a differently encoded id fingerprint alike.
 */
export function requestPathOf(template: string, params: unknown): string {
  const values = (typeof params === 'object' && params !== null ? params : {}) as Record<
    string,
    unknown
  >;
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    // Path parameters arrive as strings (numbers once the contract coerced them).
    const value = values[name];
    return encodeURIComponent(
      typeof value === 'string' || typeof value === 'number' ? String(value) : '',
    );
  });
}

/**
 * sha256 (hex) of method, path and the body as canonical JSON (object keys sorted at every
 * level, no whitespace): a retry that serialises the same body with another key order is the
 * same request; another value anywhere, or another array order, is not.
 */
export function requestFingerprint(request: FingerprintedRequest): string {
  const text = `${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.body)}`;
  return hash('sha256', text, 'hex');
}
