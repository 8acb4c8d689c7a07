/**
 * ISO 4217 currencies we can invoice in, with their minor units (digits after the decimal
 * point). Source: the ISO 4217 list maintained by SIX. A currency missing here is rejected
 * rather than guessed at, because the minor unit decides how every amount is rounded.
 */
const CURRENCY_MINOR_UNITS = {
  AED: 2,
  ARS: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PEN: 2,
  PHP: 2,
  PLN: 2,
  RON: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  USD: 2,
  VND: 0,
  XAF: 0,
  XOF: 0,
  ZAR: 2,
} as const satisfies Record<string, 0 | 2 | 3>;

export type CurrencyCode = keyof typeof CURRENCY_MINOR_UNITS;

/** Supported codes, sorted; handy for contract enums and tests. */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(
  (Object.keys(CURRENCY_MINOR_UNITS) as CurrencyCode[]).sort(),
);

/** Exact, case-sensitive match: ISO codes are upper case and we do not guess. */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_MINOR_UNITS, value);
}

export function minorUnits(currency: CurrencyCode): number {
  return CURRENCY_MINOR_UNITS[currency];
}
