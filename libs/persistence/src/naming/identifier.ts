import { createHash } from 'node:crypto';

/** PostgreSQL silently truncates identifiers beyond 63 bytes, which would make generated names
 *  differ from the catalogue and show up as endless schema drift. */
const MAX_IDENTIFIER_LENGTH = 63;

export function shortHash(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export function limitIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - 9)}_${shortHash(name, 8)}`;
}
