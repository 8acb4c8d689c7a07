import type { ValueTransformer } from 'typeorm';

/** Decimal amounts and quantities travel as strings ("12.5000"); code wraps them in Decimal. */
export type DecimalString = string;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

interface DecimalLike {
  toFixed(): string;
}

function isDecimalLike(value: unknown): value is DecimalLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<DecimalLike>).toFixed === 'function'
  );
}

/**
 * Maps `numeric` columns to and from decimal strings. A JS number is refused on the way in:
 * a float must never reach a money column, even by accident. Decimal instances are accepted
 * and written with `toFixed()` (never exponent notation).
 */
export class DecimalStringTransformer implements ValueTransformer {
  to(value: unknown): unknown {
    if (value === null || value === undefined || typeof value === 'function') return value;
    if (typeof value === 'number') {
      throw new TypeError(`numeric column given the JS number ${value}; pass a decimal string`);
    }
    const text = isDecimalLike(value) ? value.toFixed() : value;
    if (typeof text !== 'string' || !DECIMAL_STRING.test(text)) {
      const given = typeof text === 'string' ? JSON.stringify(text) : typeof text;
      throw new TypeError(`numeric column given ${given}; expected a decimal string`);
    }
    return text;
  }

  from(value: string | null): DecimalString | null {
    return value;
  }
}

export const decimalStringTransformer = new DecimalStringTransformer();
