import {
  type CurrencyCode,
  formatAmount,
  moneyOf,
  parseCalendarDate,
  parseMoney,
} from '@o2c/domain';
import type { Remittance, RemittanceLine } from '@o2c/integration';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import type { PaymentBody, RemittanceLineBody } from '../cash.contract';

/** A JSON payment read into the canonical remittance, with the invoices its lines name by id. */
export interface PaymentRequest {
  readonly remittance: Remittance;
  readonly customerId: string | null;
  readonly lineInvoiceIds: (string | null)[];
}

/**
 * Reads a recordPayment body (already valid against the contract) into the canonical
 * remittance model every file format is read into, checking what the contract cannot: amounts
 * against the currency's minor units (MONEY.TOO_MANY_DECIMALS), a known currency, a positive
 * payment, no negative discount or deduction, unique line numbers. Each refusal names its
 * field; nothing is written before this passes.
 */
export function readPaymentRequest(body: PaymentBody): PaymentRequest {
  const payment = parseMoney(
    body.amount.amount,
    body.amount.currency,
    '/body/amount/amount',
    '/body/amount/currency',
  );
  if (!payment.amount.greaterThan(0)) {
    throw cashProblem(
      CashErrorCode.AMOUNT_NOT_POSITIVE,
      '/body/amount/amount',
      `the payment amount must be above zero, not ${body.amount.amount}`,
    );
  }
  parseCalendarDate(body.valueDate, '/body/valueDate');
  const currency = payment.currency;
  const numbers = new Set<number>();
  const lines = (body.remittanceLines ?? []).map((line, index) => {
    const read = readLine(line, index, currency);
    if (numbers.has(read.lineNumber)) {
      throw cashProblem(
        CashErrorCode.DUPLICATE_LINE_NUMBER,
        `/body/remittanceLines/${index}/lineNumber`,
        `line number ${read.lineNumber} appears twice`,
      );
    }
    numbers.add(read.lineNumber);
    return read;
  });
  const payer = body.payer;
  const remittance: Remittance = {
    kind: 'bank-credit',
    sourceLocation: 'api',
    amount: formatAmount(payment),
    currency,
    valueDate: body.valueDate,
    bookingDate: null,
    method: body.method,
    bankReference: body.bankReference ?? null,
    paymentReference: body.paymentReference ?? null,
    transactionCode: null,
    payer: {
      name: payer.name ?? null,
      account:
        payer.account === undefined
          ? null
          : {
              iban: payer.account.iban ?? null,
              number: payer.account.number ?? null,
              bankId: payer.account.bankId ?? null,
            },
      identifiers: payer.identifiers ?? [],
      aliases: payer.aliases ?? [],
    },
    receivingAccount: null,
    lines,
    freeText: body.freeText ?? [],
  };
  return {
    remittance,
    customerId: payer.customerId ?? null,
    lineInvoiceIds: (body.remittanceLines ?? []).map((line) => line.invoiceId ?? null),
  };
}

function readLine(line: RemittanceLineBody, index: number, currency: CurrencyCode): RemittanceLine {
  const path = `/body/remittanceLines/${index}`;
  const amount = (value: string | undefined, field: string, signed: boolean) => {
    if (value === undefined) return null;
    const money = parseMoney(value, currency, `${path}/${field}`, '/body/amount/currency');
    if (!signed && money.amount.isNegative()) {
      throw cashProblem(
        CashErrorCode.NEGATIVE_AMOUNT,
        `${path}/${field}`,
        `${field} must not be negative, not ${value}`,
      );
    }
    return formatAmount(moneyOf(money.amount, currency));
  };
  return {
    lineNumber: line.lineNumber ?? index + 1,
    reference: line.invoiceReference ?? null,
    referenceKind: line.referenceKind ?? 'invoice',
    amountPaid: amount(line.amountPaid, 'amountPaid', true),
    documentAmount: amount(line.documentAmount, 'documentAmount', true),
    discountTaken: amount(line.discountTaken, 'discountTaken', false),
    adjustments: (line.adjustments ?? []).map((adjustment, position) => ({
      amount: amount(adjustment.amount, `adjustments/${position}/amount`, true) ?? '0',
      reasonCode: adjustment.reasonCode ?? null,
      reasonCodeList: null,
      description: adjustment.description ?? null,
    })),
    documentDate: null,
    otherReferences: [],
    freeText: line.freeText ?? null,
  };
}
