import { randomFillSync } from 'node:crypto';

const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): the creation time in milliseconds, then 74 random bits. Rows
 * keyed by it are appended at the right edge of their indexes, where a random (version 4) key
 * lands on any page of the index: for tables written on every order (lines, allocations,
 * stock movements, audit rows) that keeps the pages being written few and in memory. The
 * creation time it reveals is already the row's created_at; ids stay opaque to clients.
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const at = next * 16;
  next += 1;
  const bytes = pool.subarray(at, at + 16);
  // 48-bit big-endian millisecond timestamp.
  const high = Math.floor(now / 2 ** 16);
  bytes[0] = (high >>> 24) & 0xff;
  bytes[1] = (high >>> 16) & 0xff;
  bytes[2] = (high >>> 8) & 0xff;
  bytes[3] = high & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  let text = '';
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += '-';
    text += HEX[bytes[index]];
  }
  return text;
}
