import { Decimal, formatAmount, minorUnits, moneyOf, parseCurrency } from '@o2c/domain';

/** Money in every API: a decimal string with an ISO 4217 currency, never a float. */
export interface MoneyView {
  amount: string;
  currency: string;
}

/**
 * The texts numeric columns return ('12.5000', '0'): short enough never to print in exponent
 * notation. Such a text is presented by trimming and padding its digits, which gives what the
 * Decimal arithmetic below gives for it (checked in money.presenter.spec.ts); anything else
 * takes the Decimal path.
 */
const PLAIN_DECIMAL = /^(-?)(\d{1,20})(?:\.(\d{1,20}))?$/;

interface PlainDecimal {
  negative: boolean;
  /** Integer digits without leading zeros ('0' for none). */
  whole: string;
  /** Fraction digits without trailing zeros. */
  decimals: string;
}

function plainDecimal(text: string): PlainDecimal | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', digits = '', fraction = ''] = match;
  return {
    negative: sign === '-',
    whole: digits.replace(/^0+(?=\d)/, ''),
    decimals: fraction.replace(/0+$/, ''),
  };
}

const fixed = (plain: PlainDecimal, places: number) =>
  places === 0 ? plain.whole : `${plain.whole}.${plain.decimals.padEnd(places, '0')}`;

/** Stored numeric(19,4) amounts at exactly the currency's minor units ("12.50"). */
export function presentMoney(amount: string, currency: string): MoneyView {
  const places = minorUnits(parseCurrency(currency));
  const plain = plainDecimal(amount);
  // Nothing to round: the digits beyond the minor units are zeros.
  if (plain && !plain.negative && plain.decimals.length <= places) {
    return { amount: fixed(plain, places), currency };
  }
  return { amount: formatAmount(moneyOf(new Decimal(amount), parseCurrency(currency))), currency };
}

/** Unit prices keep their stored precision (up to 4 decimals), never fewer than the currency's:
 *  rounding 0.0125 USD per piece to 0.01 would misstate the price. */
export function presentUnitPrice(amount: string, currency: string): MoneyView {
  const minor = minorUnits(parseCurrency(currency));
  const plain = plainDecimal(amount);
  if (plain && !plain.negative) {
    return { amount: fixed(plain, Math.max(minor, plain.decimals.length)), currency };
  }
  const value = new Decimal(amount);
  const places = Math.max(minor, value.decimalPlaces());
  return { amount: value.toFixed(places), currency };
}

export function presentOptionalUnitPrice(
  amount: string | null,
  currency: string,
): MoneyView | null {
  return amount === null ? null : presentUnitPrice(amount, currency);
}

/** Stored decimals without a currency (quantities, percentages), without trailing zeros. */
export function presentDecimal(value: string): string {
  const plain = plainDecimal(value);
  if (!plain) return new Decimal(value).toString();
  if (plain.whole === '0' && plain.decimals === '') return '0';
  return `${plain.negative ? '-' : ''}${plain.whole}${plain.decimals === '' ? '' : `.${plain.decimals}`}`;
}
