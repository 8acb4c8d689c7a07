import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { type CurrencyCode, minorUnits } from '../money/currency.table';
import {
  addMoney,
  isGreaterThan,
  minMoney,
  moneyEquals,
  subtractMoney,
  sumMoney,
} from '../money/money-arithmetic';
import { type Money, moneyOf, parseCurrency, roundMoney } from '../money/money';
import { taxOn } from './invoice-amounts.calculator';

export const CREDIT_REASONS = ['return', 'price_correction', 'short_ship'] as const;
export type CreditReason = (typeof CREDIT_REASONS)[number];

/** An invoice line with what earlier credit memos already took from it. */
export interface CreditableInvoiceLine {
  readonly invoiceLineId: string;
  /** Invoiced quantity, in the order line's unit. */
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly taxPercent: Decimal;
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly quantityCredited: Decimal;
  readonly netCredited: Decimal;
  readonly taxCredited: Decimal;
}

/**
 * One requested credit line. Returns and short-ship claims give the quantity (credited at the
 * invoiced unit price); price corrections give the net amount and optionally the quantity it
 * concerns (informational: a price correction does not use up creditable quantity).
 */
export interface CreditRequestLine {
  readonly invoiceLineId: string;
  readonly quantity?: Decimal;
  readonly amount?: Decimal;
}

export interface CreditMemoInput {
  readonly currency: string;
  readonly reason: CreditReason;
  readonly lines: readonly CreditRequestLine[];
  readonly invoiceLines: readonly CreditableInvoiceLine[];
  /** The invoice's open balance: a credit memo never takes it below zero. */
  readonly openBalance: Decimal;
}

export interface CreditMemoLineAmounts {
  readonly invoiceLineId: string;
  /** Quantity returned or short-shipped; null for a price correction without one. */
  readonly quantity: Decimal | null;
  /** Creditable quantity this line uses up (zero for price corrections). */
  readonly quantityUsed: Decimal;
  readonly net: Money;
  readonly tax: Money;
  /** net + tax. */
  readonly amount: Money;
}

export interface CreditMemoAmounts {
  readonly currency: CurrencyCode;
  readonly lines: readonly CreditMemoLineAmounts[];
  readonly netTotal: Money;
  readonly taxTotal: Money;
  readonly total: Money;
}

interface Remaining {
  quantity: Decimal;
  net: Money;
  tax: Money;
}

/**
 * Credit memo amounts, never more than is still creditable on each invoice line:
 * - quantity credits (return, short_ship): at most the invoiced quantity not yet credited;
 *   net = quantity x unit price rounded once, capped at the net not yet credited; crediting the
 *   whole remaining quantity credits exactly the remaining net, so a line returned in parts
 *   comes back to the cent however the parts round;
 * - amount credits (price_correction): a net amount in the currency's minor units, at most the
 *   net not yet credited;
 * - tax follows the net at the line's tax rate (rounded once, capped at the tax not yet
 *   credited); crediting the remaining net credits the remaining tax.
 * Lines naming the same invoice line are taken in order, each seeing what the earlier took.
 * The memo's total must fit the invoice's open balance (a refund is a separate process).
 */
export function computeCreditMemo(input: CreditMemoInput): CreditMemoAmounts {
  const currency = parseCurrency(input.currency, 'currency');
  if (input.lines.length === 0) {
    throw invalid('lines', 'A credit memo needs at least one line');
  }
  const remaining = new Map<string, Remaining>();
  const byId = new Map(input.invoiceLines.map((line) => [line.invoiceLineId, line]));
  const lines = input.lines.map((request, index) => {
    const path = `lines[${index}]`;
    const invoiceLine = byId.get(request.invoiceLineId);
    if (invoiceLine === undefined) {
      throw invalid(`${path}.invoiceLineId`, `${path}.invoiceLineId is not a line of the invoice`);
    }
    const left = remaining.get(request.invoiceLineId) ?? remainingOf(invoiceLine, currency);
    const credited = creditLine(input.reason, request, invoiceLine, left, currency, path);
    remaining.set(request.invoiceLineId, {
      quantity: left.quantity.minus(credited.quantityUsed),
      net: subtractMoney(left.net, credited.net),
      tax: subtractMoney(left.tax, credited.tax),
    });
    return credited;
  });
  const netTotal = sumMoney(
    lines.map((line) => line.net),
    currency,
  );
  const taxTotal = sumMoney(
    lines.map((line) => line.tax),
    currency,
  );
  const total = addMoney(netTotal, taxTotal);
  const openBalance = moneyOf(toDecimal(input.openBalance), currency);
  if (isGreaterThan(total, openBalance)) {
    throw new DomainError(
      DomainErrorCode.CREDITING_EXCEEDS_OPEN_BALANCE,
      `The credit of ${total.amount.toFixed(minorUnits(currency))} exceeds the invoice's open ` +
        `balance of ${openBalance.amount.toFixed(minorUnits(currency))}`,
      'lines',
    );
  }
  return Object.freeze({ currency, lines: Object.freeze(lines), netTotal, taxTotal, total });
}

function creditLine(
  reason: CreditReason,
  request: CreditRequestLine,
  line: CreditableInvoiceLine,
  left: Remaining,
  currency: CurrencyCode,
  path: string,
): CreditMemoLineAmounts {
  const quantity = optionalPositive(request.quantity, `${path}.quantity`);
  const byAmount = reason === 'price_correction';
  if (byAmount && request.amount === undefined) {
    throw invalid(`${path}.amount`, `${path}.amount is required for a price correction`);
  }
  if (!byAmount && quantity === undefined) {
    throw invalid(`${path}.quantity`, `${path}.quantity is required for a ${reason} credit`);
  }
  if (!byAmount && request.amount !== undefined) {
    throw invalid(
      `${path}.amount`,
      `${path}.amount is not taken for a ${reason} credit: it is quantity x the invoiced price`,
    );
  }
  if (quantity !== undefined) assertQuantityLeft(quantity, line, left, byAmount, path);

  const net = byAmount
    ? amountCredit(request.amount as Decimal, left, currency, `${path}.amount`)
    : quantityCredit(quantity as Decimal, line, left, currency);
  const tax = moneyEquals(net, left.net)
    ? left.tax
    : minMoney(taxOn(net, toDecimal(line.taxPercent)), left.tax);
  const amount = addMoney(net, tax);
  if (amount.amount.isZero()) {
    throw new DomainError(
      DomainErrorCode.CREDITING_NOTHING_LEFT,
      `${path}: nothing of this invoice line is left to credit`,
      `${path}.invoiceLineId`,
    );
  }
  return Object.freeze({
    invoiceLineId: request.invoiceLineId,
    quantity: quantity ?? null,
    quantityUsed: byAmount ? new Decimal(0) : (quantity as Decimal),
    net,
    tax,
    amount,
  });
}

function assertQuantityLeft(
  quantity: Decimal,
  line: CreditableInvoiceLine,
  left: Remaining,
  informational: boolean,
  path: string,
): void {
  // A price correction may concern any invoiced quantity; a return only what is not yet credited.
  const limit = informational ? toDecimal(line.quantity) : left.quantity;
  if (quantity.greaterThan(limit)) {
    throw new DomainError(
      DomainErrorCode.CREDITING_QUANTITY_EXCEEDED,
      `${path}.quantity ${quantity.toString()} exceeds the ${limit.toString()} still creditable`,
      `${path}.quantity`,
    );
  }
}

function quantityCredit(
  quantity: Decimal,
  line: CreditableInvoiceLine,
  left: Remaining,
  currency: CurrencyCode,
): Money {
  if (quantity.equals(left.quantity)) return left.net;
  const priced = roundMoney(moneyOf(quantity.times(toDecimal(line.unitPrice)), currency));
  return minMoney(priced, left.net);
}

function amountCredit(
  value: Decimal,
  left: Remaining,
  currency: CurrencyCode,
  field: string,
): Money {
  const amount = optionalPositive(value, field) as Decimal;
  if (amount.decimalPlaces() > minorUnits(currency)) {
    throw new DomainError(
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      `${field} has more than ${minorUnits(currency)} decimals allowed for ${currency}`,
      field,
    );
  }
  const net = moneyOf(amount, currency);
  if (isGreaterThan(net, left.net)) {
    throw new DomainError(
      DomainErrorCode.CREDITING_AMOUNT_EXCEEDED,
      `${field} ${amount.toFixed(minorUnits(currency))} exceeds the net of ` +
        `${left.net.amount.toFixed(minorUnits(currency))} still creditable`,
      field,
    );
  }
  return net;
}

function remainingOf(line: CreditableInvoiceLine, currency: CurrencyCode): Remaining {
  return {
    quantity: toDecimal(line.quantity).minus(toDecimal(line.quantityCredited)),
    net: moneyOf(toDecimal(line.net).minus(toDecimal(line.netCredited)), currency),
    tax: moneyOf(toDecimal(line.tax).minus(toDecimal(line.taxCredited)), currency),
  };
}

function optionalPositive(value: Decimal | undefined, field: string): Decimal | undefined {
  if (value === undefined) return undefined;
  const checked = Decimal.isDecimal(value) && value.isFinite() ? toDecimal(value) : undefined;
  if (checked === undefined || !checked.greaterThan(0)) {
    throw invalid(field, `${field} must be a decimal above zero`);
  }
  return checked;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.CREDITING_INVALID_REQUEST, message, field);
}
