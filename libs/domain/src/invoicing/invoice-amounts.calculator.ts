import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from '../money/currency.table';
import { addMoney, sumMoney } from '../money/money-arithmetic';
import { type Money, moneyOf, parseCurrency, roundMoney } from '../money/money';
import { minorUnits } from '../money/currency.table';

/** One priced invoice line: what shipped, in the order line's unit, at its contract price. */
export interface InvoiceLineInput {
  /** In the order line's unit of measure; above zero. */
  readonly quantity: Decimal;
  /** Contract price per that unit; may carry more decimals than the currency (0.0125). */
  readonly unitPrice: Decimal;
  /** Tax rate in percent (7.25 means 7.25 %), from 0 to below 100. */
  readonly taxPercent: Decimal;
}

export interface InvoiceAmountsInput {
  readonly currency: string;
  readonly lines: readonly InvoiceLineInput[];
  /** Freight billed with the shipment, already in the currency's minor units; untaxed. */
  readonly freight?: Decimal;
}

export interface InvoiceLineAmounts {
  /** quantity x unit price, rounded once. */
  readonly net: Money;
  /** net x tax percent / 100, rounded once. */
  readonly tax: Money;
  /** net + tax. */
  readonly total: Money;
}

export interface InvoiceAmounts {
  readonly currency: CurrencyCode;
  readonly lines: readonly InvoiceLineAmounts[];
  /** Sum of the line nets. */
  readonly subtotal: Money;
  /** Sum of the line taxes: never a re-rounded tax on the subtotal. */
  readonly taxTotal: Money;
  readonly freight: Money;
  /** subtotal + taxTotal + freight = sum of line totals + freight. */
  readonly total: Money;
}

const HUNDRED = new Decimal(100);

/**
 * Invoice amounts by the rounding rule of money/money.ts: each line's net is quantity x unit
 * price rounded once at the currency's minor unit, its tax is taken from that rounded net and
 * rounded once, and every document total is a sum of rounded line values. So each printed line
 * multiplies out and the printed totals add up, to the minor unit.
 */
export function computeInvoiceAmounts(input: InvoiceAmountsInput): InvoiceAmounts {
  const currency = parseCurrency(input.currency, 'currency');
  if (input.lines.length === 0) {
    throw new DomainError(
      DomainErrorCode.INVOICE_INVALID_INPUT,
      'An invoice needs at least one line',
      'lines',
    );
  }
  const lines = input.lines.map((line, index) => lineAmounts(line, currency, `lines[${index}]`));
  const freight = freightAmount(input.freight, currency);
  const subtotal = sumMoney(
    lines.map((line) => line.net),
    currency,
  );
  const taxTotal = sumMoney(
    lines.map((line) => line.tax),
    currency,
  );
  const total = addMoney(addMoney(subtotal, taxTotal), freight);
  return Object.freeze({
    currency,
    lines: Object.freeze(lines),
    subtotal,
    taxTotal,
    freight,
    total,
  });
}

/** The tax on a rounded net amount at `taxPercent`, rounded once (credits use the same rule). */
export function taxOn(net: Money, taxPercent: Decimal): Money {
  return roundMoney(moneyOf(net.amount.times(taxPercent).div(HUNDRED), net.currency));
}

/** Throws unless 0 <= percent < 100; returns it on the domain's Decimal. */
export function checkedTaxPercent(value: Decimal, field: string): Decimal {
  const percent = Decimal.isDecimal(value) && value.isFinite() ? toDecimal(value) : undefined;
  if (percent === undefined || percent.isNeg() || percent.gte(HUNDRED)) {
    throw new DomainError(
      DomainErrorCode.TAX_INVALID_RATE,
      `${field} must be a percent from 0 to below 100 (7.25 for 7.25 %)`,
      field,
    );
  }
  return percent;
}

function lineAmounts(line: InvoiceLineInput, currency: CurrencyCode, path: string) {
  const quantity = positive(line.quantity, `${path}.quantity`);
  const unitPrice = notNegative(line.unitPrice, `${path}.unitPrice`);
  const taxPercent = checkedTaxPercent(line.taxPercent, `${path}.taxPercent`);
  const net = roundMoney(moneyOf(quantity.times(unitPrice), currency));
  const tax = taxOn(net, taxPercent);
  return Object.freeze({ net, tax, total: addMoney(net, tax) });
}

function freightAmount(value: Decimal | undefined, currency: CurrencyCode): Money {
  if (value === undefined) return moneyOf(new Decimal(0), currency);
  const freight = notNegative(value, 'freight');
  if (freight.decimalPlaces() > minorUnits(currency)) {
    throw new DomainError(
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      `freight has more than ${minorUnits(currency)} decimals allowed for ${currency}`,
      'freight',
    );
  }
  return moneyOf(freight, currency);
}

function positive(value: Decimal, field: string): Decimal {
  const checked = finite(value, field, DomainErrorCode.QUANTITY_INVALID);
  if (!checked.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
      `${field} must be above zero`,
      field,
    );
  }
  return checked;
}

function notNegative(value: Decimal, field: string): Decimal {
  const checked = finite(value, field, DomainErrorCode.MONEY_INVALID_AMOUNT);
  if (checked.isNeg()) {
    throw new DomainError(
      DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      `${field} must not be negative`,
      field,
    );
  }
  return checked;
}

function finite(value: Decimal, field: string, code: DomainErrorCode): Decimal {
  if (!Decimal.isDecimal(value) || !value.isFinite()) {
    throw new DomainError(code, `${field} must be a finite decimal`, field);
  }
  return toDecimal(value);
}
