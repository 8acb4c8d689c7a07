import { ADJUSTMENT_REASON_CODES, type AdjustmentReasonCode } from './inventory.contract';

export interface AdjustmentReason {
  reasonCode: AdjustmentReasonCode | null;
  reason: string | null;
}

const ENCODED = new RegExp(`^(${ADJUSTMENT_REASON_CODES.join('|')})(?:: ([\\s\\S]*))?$`);

/**
 * inventory_movements has one `reason` column; an adjustment stores "<code>" or
 * "<code>: <note>" there. Codes are a fixed list without ':' so decoding is unambiguous.
 */
export function encodeAdjustmentReason(code: AdjustmentReasonCode, note?: string): string {
  return note === undefined ? code : `${code}: ${note}`;
}

/** Other movement types keep their reason as free text. */
export function decodeMovementReason(type: string, stored: string | null): AdjustmentReason {
  const match = type === 'adjustment' && stored !== null ? ENCODED.exec(stored) : null;
  if (!match) return { reasonCode: null, reason: stored };
  return { reasonCode: match[1] as AdjustmentReasonCode, reason: match[2] ?? null };
}
