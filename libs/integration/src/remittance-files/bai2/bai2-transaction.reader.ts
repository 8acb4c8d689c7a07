import type { CurrencyCode } from '@o2c/domain';
import { currencyOf, explicitAmount, impliedAmount } from '../remittance-amount';
import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';
import type {
  BankAccountReference,
  Remittance,
  RemittanceLine,
  SkippedEntry,
} from '../remittance.model';
import { readNarrative } from './bai2-narrative.reader';
import { type Bai2Record, fieldsOf } from './bai2-records.reader';
import { directionOf, methodOf, notCustomerReceipt } from './bai2-type-codes';
import { bai2Date, wholeNumber } from './bai2-values';

export interface AccountSummary {
  readonly account: string;
  readonly currency: CurrencyCode;
  /** Sum of the summary amounts as written (minor units), for the control total. */
  readonly amount: bigint;
  readonly receivingAccount: BankAccountReference;
}

/**
 * 03: account number, currency (else the group's), then summaries of type code, amount,
 * item count and funds type (whose availability fields vary, see skipFundsType).
 */
export function readAccountSummary(
  record: Bai2Record,
  groupCurrency: CurrencyCode,
  bankId: string | null,
): AccountSummary {
  const fields = fieldsOf(record);
  const at = (field: number, name: string): RemittanceFileLocation => ({
    line: record.line,
    record: '03',
    element: `field ${field + 2} (${name})`,
  });
  const account = fields[0] ?? '';
  if (account === '') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MISSING_ELEMENT,
      'the account number is required',
      at(0, 'customer account number'),
    );
  }
  const currency = fields[1] ? currencyOf(fields[1], at(1, 'currency code')) : groupCurrency;
  let amount = 0n;
  let index = 2;
  while (index < fields.length) {
    const type = fields[index];
    if (type === '') {
      index += 4;
      continue;
    }
    if (!/^\d{3}$/.test(type)) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.INVALID_VALUE,
        `"${type}" is not a type code`,
        at(index, 'type code'),
      );
    }
    const written = fields[index + 1] ?? '';
    if (written !== '') {
      impliedAmount(written, currency, at(index + 1, 'amount'), true);
      amount += BigInt(written.replace('+', ''));
    }
    index = skipFundsType(fields, index + 3, at(index + 3, 'funds type'));
  }
  return { account, currency, amount, receivingAccount: { iban: null, number: account, bankId } };
}

/** Index of the field after a funds type and its availability fields. */
function skipFundsType(
  fields: readonly string[],
  index: number,
  location: RemittanceFileLocation,
): number {
  const fundsType = (fields[index] ?? '').toUpperCase();
  switch (fundsType) {
    case '':
    case 'Z':
    case '0':
    case '1':
    case '2':
      return index + 1;
    case 'S':
      return index + 4;
    case 'V':
      return index + 3;
    case 'D': {
      const count = wholeNumber(fields[index + 1], location);
      return index + 2 + count * 2;
    }
    default:
      throw new RemittanceFileError(
        RemittanceFileErrorCode.INVALID_VALUE,
        `funds type "${fundsType}" is not Z, 0, 1, 2, S, V or D`,
        location,
      );
  }
}

export interface TransactionReading {
  readonly amount: bigint;
  readonly remittance: Remittance | null;
  readonly skipped: SkippedEntry | null;
  readonly bankReference: string | null;
}

/**
 * 16: type code, amount (unsigned), funds type, bank reference, customer reference, text.
 * The text runs to the end of the record, commas included, and every 88 continuation after
 * it adds a line; continuations before the text is reached continue the fields.
 */
export function readTransaction(
  record: Bai2Record,
  summary: AccountSummary,
  asOfDate: string,
): TransactionReading {
  const fields = new FieldReader(record);
  const at = (name: string): RemittanceFileLocation => ({
    line: fields.line,
    record: '16',
    element: `field ${fields.position} (${name})`,
  });
  const typeCode = fields.next() ?? '';
  if (!/^\d{3}$/.test(typeCode)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${typeCode}" is not a type code`,
      { line: record.line, record: '16', element: 'field 2 (type code)' },
    );
  }
  const amountLocation = at('amount');
  const written = fields.next() ?? '';
  const amount = impliedAmount(written, summary.currency, amountLocation, false);
  const fundsLocation = at('funds type');
  const fundsType = (fields.next() ?? '').toUpperCase();
  let valueDate = asOfDate;
  if (fundsType === 'V') {
    const dateLocation = at('value date');
    valueDate = bai2Date(fields.next(), dateLocation);
    fields.next();
  } else if (fundsType === 'S') {
    fields.skip(3);
  } else if (fundsType === 'D') {
    fields.skip(wholeNumber(fields.next(), fundsLocation) * 2);
  } else if (!['', 'Z', '0', '1', '2'].includes(fundsType)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `funds type "${fundsType}" is not Z, 0, 1, 2, S, V or D`,
      fundsLocation,
    );
  }
  const bankReference = fields.next() || null;
  const customerReference = fields.next() || null;
  const text = fields.rest();
  const control = BigInt(written.replace('+', ''));
  const location = `line ${record.line}`;

  const direction = directionOf(typeCode);
  const notPayment = direction === 'credit' ? notCustomerReceipt(typeCode) : null;
  if (direction !== 'credit' || notPayment !== null) {
    const reason =
      notPayment ??
      (direction === 'debit'
        ? { reason: 'debit' as const, description: `Type code ${typeCode}: a debit` }
        : { reason: 'no-payment' as const, description: `Type code ${typeCode} is not a credit` });
    return {
      amount: control,
      remittance: null,
      skipped: { sourceLocation: location, amount, currency: summary.currency, ...reason },
      bankReference,
    };
  }
  const narrative = readNarrative(text);
  const lines: RemittanceLine[] = narrative.documents.map((document, index) => ({
    lineNumber: index + 1,
    reference: document.reference,
    referenceKind:
      document.kind === 'CM'
        ? 'credit-note'
        : document.kind === 'PO'
          ? 'purchase-order'
          : 'invoice',
    amountPaid:
      document.amount === null
        ? null
        : explicitAmount(
            document.amount,
            summary.currency,
            { line: record.line, record: '16', element: 'RMR in text' },
            { syntax: 'x12', allowNegative: true },
          ),
    documentAmount: null,
    discountTaken: null,
    adjustments: [],
    documentDate: null,
    otherReferences: [],
    freeText: null,
  }));
  const payerAccount = narrative.payerAccount;
  const remittance: Remittance = {
    kind: 'bank-credit',
    sourceLocation: location,
    amount,
    currency: summary.currency,
    valueDate,
    bookingDate: asOfDate,
    method: methodOf(typeCode),
    bankReference,
    paymentReference: narrative.paymentReference ?? customerReference,
    transactionCode: typeCode,
    payer: {
      name: narrative.payerName,
      account:
        payerAccount === null
          ? null
          : { iban: null, number: payerAccount, bankId: narrative.payerBankId },
      identifiers: narrative.identifiers,
      aliases: narrative.aliases,
    },
    receivingAccount: summary.receivingAccount,
    lines,
    freeText: [
      ...(customerReference === null ? [] : [customerReference]),
      ...narrative.remittanceText,
    ],
  };
  return { amount: control, remittance, skipped: null, bankReference };
}

/** Reads a 16 record's fields across its continuations, then its text. */
class FieldReader {
  private readonly segments: { body: string; line: number }[];
  private segment = 0;
  private remainder: string | null;
  /** BAI2 field number of the next field (the record code is field 1). */
  position = 2;

  constructor(record: Bai2Record) {
    this.segments = [{ body: record.body, line: record.line }, ...record.continuations];
    this.remainder = record.body;
  }

  get line(): number {
    return this.segments[Math.min(this.segment, this.segments.length - 1)].line;
  }

  next(): string | undefined {
    while (this.remainder === null) {
      this.segment += 1;
      if (this.segment >= this.segments.length) return undefined;
      this.remainder = this.segments[this.segment].body;
    }
    this.position += 1;
    const comma = this.remainder.indexOf(',');
    if (comma === -1) {
      const field = this.remainder.trim();
      this.remainder = null;
      return field;
    }
    const field = this.remainder.slice(0, comma).trim();
    this.remainder = this.remainder.slice(comma + 1);
    return field;
  }

  skip(count: number): void {
    for (let index = 0; index < count; index += 1) this.next();
  }

  /** The text: what is left of the current record, then every later continuation whole. */
  rest(): string[] {
    const lines = this.remainder === null ? [] : [this.remainder];
    for (let index = this.segment + 1; index < this.segments.length; index += 1) {
      lines.push(this.segments[index].body);
    }
    this.remainder = null;
    this.segment = this.segments.length;
    return lines.map((line) => line.trim()).filter((line) => line !== '');
  }
}
