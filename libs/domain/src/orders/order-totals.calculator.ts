import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from '../money/currency.table';
import { addMoney, subtractMoney, sumMoney } from '../money/money-arithmetic';
import { type Money, moneyOf, parseCurrency, roundMoney } from '../money/money';

export interface OrderLineInput {
  readonly quantity: Decimal;
  /** Price per unit; may carry more decimals than the currency (e.g. 0.0125 per EA). */
  readonly unitPrice: Decimal;
  /** Percent off the extended amount: 10 means 10 %. From 0 to 100. */
  readonly discountPercent?: Decimal;
  /** Tax as a fraction of the net amount: 0.0825 means 8.25 %. From 0 to below 1. */
  readonly taxRate?: Decimal;
}

export interface OrderTotalsInput {
  readonly currency: string;
  readonly lines: readonly OrderLineInput[];
  /** Freight charge for the whole order, untaxed; rounded like a line. */
  readonly freight?: Decimal;
}

export interface OrderLineTotals {
  /** quantity x unit price, rounded. */
  readonly extended: Money;
  /** extended x discount percent, rounded. */
  readonly discount: Money;
  /** extended - discount. */
  readonly net: Money;
  /** net x tax rate, rounded. */
  readonly tax: Money;
  /** net + tax. */
  readonly total: Money;
}

export interface OrderTotals {
  readonly currency: CurrencyCode;
  readonly lines: readonly OrderLineTotals[];
  /** Sum of the lines' extended amounts. */
  readonly subtotal: Money;
  readonly discountTotal: Money;
  readonly taxTotal: Money;
  readonly freight: Money;
  /** subtotal - discountTotal + taxTotal + freight, equal to the sum of line totals + freight. */
  readonly total: Money;
}

/**
 * Prices an order by the rounding rule in money/money.ts: each line value is rounded once and
 * document totals are sums of rounded line values, so every printed column adds up. The line
 * discount is taken from the rounded extended amount and tax from the rounded net. Zero
 * quantities are allowed (a cancelled line keeps its place); negative inputs are rejected.
 */
export function computeOrderTotals(input: OrderTotalsInput): OrderTotals {
  const currency = parseCurrency(input.currency, 'currency');
  const lines = input.lines.map((line, index) => lineTotals(line, currency, `lines[${index}]`));
  const freight = roundMoney(moneyOf(checkedAmount(input.freight, 'freight'), currency));
  const subtotal = sumMoney(
    lines.map((line) => line.extended),
    currency,
  );
  const discountTotal = sumMoney(
    lines.map((line) => line.discount),
    currency,
  );
  const taxTotal = sumMoney(
    lines.map((line) => line.tax),
    currency,
  );
  const total = addMoney(addMoney(subtractMoney(subtotal, discountTotal), taxTotal), freight);
  return Object.freeze({
    currency,
    lines: Object.freeze(lines),
    subtotal,
    discountTotal,
    taxTotal,
    freight,
    total,
  });
}

export interface OrderedLineQuantity {
  /** As ordered, in the ordered unit. */
  readonly quantity: Decimal;
  /** The same quantity in the item's base unit. */
  readonly baseQuantity: Decimal;
  /** Base units that will not be delivered: rejected on a shortage or a short shipment. */
  readonly rejected: Decimal;
}

/**
 * What is left to bill of a line, in the ordered unit: the ordered quantity less what was
 * rejected, which is counted in base units. Taken as a share of the ordered quantity, so a
 * line with nothing rejected prices exactly as it did at intake, and one rejected entirely is
 * zero. The totals of an order are this quantity priced by computeOrderTotals.
 */
export function billableLineQuantity(line: OrderedLineQuantity): Decimal {
  const quantity = checkedQuantity(line.quantity, 'quantity');
  const baseQuantity = checkedQuantity(line.baseQuantity, 'baseQuantity');
  const rejected = checkedQuantity(line.rejected, 'rejected');
  if (rejected.greaterThan(baseQuantity)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_INVALID,
      `rejected must not exceed the ordered ${baseQuantity.toFixed()} base units`,
      'rejected',
    );
  }
  if (baseQuantity.isZero()) return new Decimal(0);
  const accepted = baseQuantity.minus(rejected);
  return accepted.equals(baseQuantity)
    ? quantity
    : quantity.times(accepted).dividedBy(baseQuantity);
}

function lineTotals(line: OrderLineInput, currency: CurrencyCode, path: string): OrderLineTotals {
  const quantity = checkedQuantity(line.quantity, `${path}.quantity`);
  const unitPrice = checkedAmount(line.unitPrice, `${path}.unitPrice`);
  const percent = checkedRatio(line.discountPercent, new Decimal(100), false, {
    code: DomainErrorCode.ORDER_INVALID_DISCOUNT,
    field: `${path}.discountPercent`,
    rule: 'from 0 to 100',
  });
  const taxRate = checkedRatio(line.taxRate, new Decimal(1), true, {
    code: DomainErrorCode.ORDER_INVALID_TAX_RATE,
    field: `${path}.taxRate`,
    rule: 'a fraction from 0 to below 1 (0.0825 for 8.25 %)',
  });

  const extended = roundMoney(moneyOf(quantity.times(unitPrice), currency));
  const discount = roundMoney(moneyOf(extended.amount.times(percent).div(100), currency));
  const net = subtractMoney(extended, discount);
  const tax = roundMoney(moneyOf(net.amount.times(taxRate), currency));
  const total = addMoney(net, tax);
  return Object.freeze({ extended, discount, net, tax, total });
}

function checkedQuantity(value: Decimal, field: string): Decimal {
  if (!value.isFinite()) {
    throw new DomainError(DomainErrorCode.QUANTITY_INVALID, `${field} must be finite`, field);
  }
  if (value.lessThan(0)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NEGATIVE,
      `${field} must not be negative`,
      field,
    );
  }
  return toDecimal(value);
}

function checkedAmount(value: Decimal | undefined, field: string): Decimal {
  if (value === undefined) return new Decimal(0);
  if (!value.isFinite()) {
    throw new DomainError(DomainErrorCode.MONEY_INVALID_AMOUNT, `${field} must be finite`, field);
  }
  if (value.lessThan(0)) {
    throw new DomainError(
      DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      `${field} must not be negative`,
      field,
    );
  }
  return toDecimal(value);
}

/** Absent means zero; otherwise 0 <= value <= max (or < max when `exclusive`). */
function checkedRatio(
  value: Decimal | undefined,
  max: Decimal,
  exclusive: boolean,
  error: { code: DomainErrorCode; field: string; rule: string },
): Decimal {
  if (value === undefined) return new Decimal(0);
  const tooHigh = exclusive ? value.greaterThanOrEqualTo(max) : value.greaterThan(max);
  if (!value.isFinite() || value.lessThan(0) || tooHigh) {
    throw new DomainError(error.code, `${error.field} must be ${error.rule}`, error.field);
  }
  return toDecimal(value);
}
