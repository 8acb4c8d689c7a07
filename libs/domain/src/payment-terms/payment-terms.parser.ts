import { Decimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { EarlyPaymentDiscountTerms, PaymentTerms } from './payment-terms.types';

/** No distributor extends credit beyond a year; longer terms are a typo. */
const MAX_DAYS = 365;

/**
 * `[<percent>/<days> ][NET<n>][ EOM]`, with at least NET or EOM; spaces between the parts are
 * optional. The percent has at most two integer and two fraction digits.
 */
const TERMS = /^(?:(\d{1,2}(?:\.\d{1,2})?)\/(\d{1,3}) ?)?(?:NET ?(\d{1,3}))? ?(EOM)?$/;

/** Days after month end that an EOM discount term is due when no NET<n> is given. */
const DEFAULT_EOM_DISCOUNT_NET_DAYS = 30;

/**
 * Parses a terms code as stored on a customer: NET30, 2/10 NET30 (also 2/10NET30, 1.5/15 NET45),
 * EOM, NET30 EOM, 2/10 EOM, 2/10 NET45 EOM, DUE_ON_RECEIPT, CIA, COD. Case and extra spaces are
 * forgiven; the result carries the canonical `code`.
 */
export function parsePaymentTerms(code: unknown, field = 'paymentTerms'): PaymentTerms {
  if (typeof code !== 'string') throw invalidTerms(field, 'must be a terms code such as NET30');
  const text = code.trim().toUpperCase().replace(/\s+/g, ' ');
  if (text === 'DUE_ON_RECEIPT' || text === 'DUE ON RECEIPT') {
    return Object.freeze({ kind: 'DUE_ON_RECEIPT', code: 'DUE_ON_RECEIPT' });
  }
  if (text === 'CIA') return Object.freeze({ kind: 'CASH_IN_ADVANCE', code: 'CIA' });
  if (text === 'COD') return Object.freeze({ kind: 'CASH_ON_DELIVERY', code: 'COD' });

  const match = TERMS.exec(text);
  if (match === null || (match[3] === undefined && match[4] === undefined)) {
    throw invalidTerms(field, `"${code}" is not a known terms code such as NET30 or 2/10 NET30`);
  }
  const [, percentText, discountDaysText, netDaysText, eom] = match;
  const discount =
    percentText === undefined ? null : parseDiscount(percentText, discountDaysText, field);
  const defaultNetDays = discount === null ? 0 : DEFAULT_EOM_DISCOUNT_NET_DAYS;
  const netDays = netDaysText === undefined ? defaultNetDays : Number(netDaysText);
  if (netDays > MAX_DAYS) throw invalidTerms(field, `net days must be at most ${MAX_DAYS}`);
  if (discount !== null && discount.days > netDays) {
    throw invalidTerms(field, 'the discount window must not end after the net due date');
  }

  const kind = eom === undefined ? 'NET' : 'EOM';
  return Object.freeze({
    kind,
    code: canonicalCode(kind, netDays, discount),
    netDays,
    discount: discount === null ? null : Object.freeze(discount),
  });
}

function parseDiscount(
  percentText: string,
  daysText: string,
  field: string,
): EarlyPaymentDiscountTerms {
  const percent = new Decimal(percentText);
  if (percent.isZero()) throw invalidTerms(field, 'the discount percent must be above zero');
  return { percent, days: Number(daysText) };
}

function canonicalCode(
  kind: 'NET' | 'EOM',
  netDays: number,
  discount: EarlyPaymentDiscountTerms | null,
): string {
  const prefix = discount === null ? '' : `${discount.percent.toString()}/${discount.days} `;
  if (kind === 'NET') return `${prefix}NET${netDays}`;
  const defaultNetDays = discount === null ? 0 : DEFAULT_EOM_DISCOUNT_NET_DAYS;
  return netDays === defaultNetDays ? `${prefix}EOM` : `${prefix}NET${netDays} EOM`;
}

function invalidTerms(field: string, reason: string): DomainError {
  return new DomainError(DomainErrorCode.TERMS_INVALID, `${field} ${reason}`, field);
}
