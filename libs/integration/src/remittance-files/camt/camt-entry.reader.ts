import { type CurrencyCode, Decimal } from '@o2c/domain';
import { currencyOf, explicitAmount, sumAmounts } from '../remittance-amount';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import type {
  BankAccountReference,
  ControlTotal,
  Remittance,
  RemittanceLine,
  RemittancePayer,
  RemittancePaymentMethod,
  SkippedEntry,
} from '../remittance.model';
import { accountOf, partyIdentifiers, partyName } from './camt-party.reader';
import { readRemittanceInformation } from './camt-remittance-info.reader';
import { calendarDate, creditOrDebit, wholeCount } from './camt-values';
import type { XmlElement } from './xml-document';

const AMOUNT = { syntax: 'iso20022', allowNegative: false } as const;

export interface EntryReading {
  readonly remittances: Remittance[];
  readonly skipped: SkippedEntry[];
  readonly controls: ControlTotal[];
  /** Signed by the entry's indicator, for the statement's totals. */
  readonly indicator: 'CRDT' | 'DBIT';
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly bankReference: string | null;
}

interface Transaction {
  readonly element: XmlElement;
  /** In the entry's currency, or null when not stated in it. */
  readonly amount: string | null;
  readonly indicator: 'CRDT' | 'DBIT';
}

/**
 * One <Ntry>: a booked, non-reversed credit becomes remittances (one per transaction when the
 * entry itemises a batch with amounts, else one for the entry), anything else is skipped with
 * its reason. The batch and itemised amounts must add up to the entry.
 */
export function readEntry(
  entry: XmlElement,
  receivingAccount: BankAccountReference | null,
): EntryReading {
  const amountElement = entry.required('Amt');
  const currency = currencyOf(amountElement.attribute('Ccy'), amountElement.location);
  const amount = explicitAmount(amountElement.text, currency, amountElement.location, AMOUNT);
  const indicator = creditOrDebit(entry);
  const bankReference = entry.textOf('AcctSvcrRef') ?? null;
  const controls: ControlTotal[] = [];
  const transactions = readTransactions(entry, currency, indicator, controls);
  checkItemisedTotal(entry, amount, currency, indicator, transactions, controls);
  const reading = { controls, indicator, amount, currency, bankReference };

  const skip = skipReason(entry, indicator);
  if (skip !== null) {
    const skipped = [{ sourceLocation: entry.path, amount, currency, ...skip }];
    return { ...reading, remittances: [], skipped };
  }
  const context = {
    entry,
    currency,
    bankReference,
    receivingAccount,
    bookingDate: calendarDate(entry, 'BookgDt'),
    valueDate: calendarDate(entry, 'ValDt'),
    method: methodOf(entry),
    transactionCode: transactionCode(entry),
  };
  const itemised = transactions.length > 1 && transactions.every((tx) => tx.amount !== null);
  if (!itemised) {
    return {
      ...reading,
      remittances: [remittanceOf(context, transactions, amount, entry.path)],
      skipped: [],
    };
  }
  const remittances: Remittance[] = [];
  const skipped: SkippedEntry[] = [];
  for (const tx of transactions) {
    const txAmount = tx.amount ?? '0';
    if (tx.indicator !== 'CRDT') {
      skipped.push({
        sourceLocation: tx.element.path,
        amount: txAmount,
        currency,
        reason: 'debit',
        description: 'A debit inside a credit batch (a return or a fee)',
      });
    } else {
      remittances.push(remittanceOf(context, [tx], txAmount, tx.element.path));
    }
  }
  return { ...reading, remittances, skipped };
}

function readTransactions(
  entry: XmlElement,
  currency: CurrencyCode,
  indicator: 'CRDT' | 'DBIT',
  controls: ControlTotal[],
): Transaction[] {
  const all: Transaction[] = [];
  for (const details of entry.children('NtryDtls')) {
    const transactions = details.children('TxDtls').map((element) => {
      const amountElement =
        element.child('Amt') ??
        element.find('AmtDtls/TxAmt/Amt') ??
        element.find('AmtDtls/InstdAmt/Amt');
      let amount: string | null = null;
      if (amountElement !== undefined) {
        const ccy = currencyOf(amountElement.attribute('Ccy'), amountElement.location);
        const value = explicitAmount(amountElement.text, ccy, amountElement.location, AMOUNT);
        amount = ccy === currency ? value : null;
      }
      const own = element.textOf('CdtDbtInd');
      return { element, amount, indicator: own === 'DBIT' || own === 'CRDT' ? own : indicator };
    });
    const batch = details.child('Btch');
    if (batch !== undefined && transactions.length > 0) {
      checkBatch(batch, transactions, controls);
    }
    all.push(...transactions);
  }
  return all;
}

function checkBatch(
  batch: XmlElement,
  transactions: Transaction[],
  controls: ControlTotal[],
): void {
  const count = batch.child('NbOfTxs');
  if (count !== undefined) {
    const declared = wholeCount(count);
    if (declared !== transactions.length) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.COUNT_MISMATCH,
        `batch declares ${declared} transactions but itemises ${transactions.length}`,
        count.location,
      );
    }
    controls.push(control('batch transaction count', count, String(declared), String(declared)));
  }
  const total = batch.child('TtlAmt');
  if (total !== undefined && transactions.every((tx) => tx.amount !== null)) {
    const ccy = currencyOf(total.attribute('Ccy'), total.location);
    const declared = explicitAmount(total.text, ccy, total.location, AMOUNT);
    const computed = sumAmounts(
      transactions.map((tx) => tx.amount ?? '0'),
      ccy,
    );
    if (declared !== computed) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
        `batch total ${declared} differs from its transactions' sum ${computed}`,
        total.location,
      );
    }
    controls.push(control('batch total', total, declared, computed));
  }
}

/** An entry itemised into several transactions with amounts must equal their net sum. */
function checkItemisedTotal(
  entry: XmlElement,
  amount: string,
  currency: CurrencyCode,
  indicator: 'CRDT' | 'DBIT',
  transactions: Transaction[],
  controls: ControlTotal[],
): void {
  if (transactions.length < 2 || transactions.some((tx) => tx.amount === null)) return;
  const net = transactions.reduce((sum, tx) => {
    const value = new Decimal(tx.amount ?? '0');
    return tx.indicator === indicator ? sum.plus(value) : sum.minus(value);
  }, new Decimal(0));
  const computed = sumAmounts([net.toString()], currency);
  const element = entry.required('Amt');
  if (computed !== amount) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      `entry amount ${amount} differs from the net of its transactions ${computed}`,
      element.location,
    );
  }
  controls.push(control('entry total', element, amount, computed));
}

function skipReason(
  entry: XmlElement,
  indicator: 'CRDT' | 'DBIT',
): Pick<SkippedEntry, 'reason' | 'description'> | null {
  if (entry.textOf('RvslInd') === 'true') {
    return { reason: 'reversal', description: 'A reversal of an earlier entry' };
  }
  if (indicator === 'DBIT')
    return { reason: 'debit', description: 'A debit, not a payment received' };
  const status = statusOf(entry);
  if (status !== 'BOOK') {
    return { reason: 'not-booked', description: `Status ${status ?? 'missing'}, not booked` };
  }
  return null;
}

/** Up to .05 <Sts> holds the code; from .06 <Sts><Cd> (or <Prtry>). */
function statusOf(entry: XmlElement): string | undefined {
  const status = entry.child('Sts');
  return status?.textOf('Cd') ?? status?.textOf('Prtry') ?? (status?.text || undefined);
}

interface EntryContext {
  readonly entry: XmlElement;
  readonly currency: CurrencyCode;
  readonly bankReference: string | null;
  readonly receivingAccount: BankAccountReference | null;
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
  readonly method: RemittancePaymentMethod;
  readonly transactionCode: string | null;
}

function remittanceOf(
  context: EntryContext,
  transactions: readonly Transaction[],
  amount: string,
  sourceLocation: string,
): Remittance {
  const lines: RemittanceLine[] = [];
  const freeText: string[] = [];
  for (const tx of transactions) {
    const info = readRemittanceInformation(
      tx.element.child('RmtInf'),
      context.currency,
      lines.length + 1,
    );
    lines.push(...info.lines);
    freeText.push(...info.freeText);
    const additional = tx.element.textOf('AddtlTxInf');
    if (additional !== undefined) freeText.push(additional);
  }
  const entryText = context.entry.textOf('AddtlNtryInf');
  if (entryText !== undefined && transactions.length <= 1) freeText.push(entryText);
  const first =
    transactions.find((tx) => tx.element.find('RltdPties/Dbtr') !== undefined) ?? transactions[0];
  const refs = first?.element.child('Refs');
  const endToEnd = refs?.textOf('EndToEndId');
  return {
    kind: 'bank-credit',
    sourceLocation,
    amount,
    currency: context.currency,
    valueDate: context.valueDate,
    bookingDate: context.bookingDate,
    method: context.method,
    bankReference: first?.element.textOf('Refs/AcctSvcrRef') ?? context.bankReference,
    paymentReference:
      (endToEnd !== undefined && endToEnd !== 'NOTPROVIDED' ? endToEnd : undefined) ??
      refs?.textOf('UETR') ??
      refs?.textOf('TxId') ??
      null,
    transactionCode: context.transactionCode,
    payer: payerOf(first?.element),
    receivingAccount: context.receivingAccount,
    lines,
    freeText,
  };
}

function payerOf(transaction: XmlElement | undefined): RemittancePayer {
  const parties = transaction?.child('RltdPties');
  const debtor = parties?.child('Dbtr');
  const name = partyName(debtor);
  const aliases = [
    partyName(parties?.child('UltmtDbtr')),
    partyName(parties?.child('InitgPty')),
  ].filter((alias): alias is string => alias !== null && alias !== name);
  return {
    name,
    account: accountOf(parties?.child('DbtrAcct'), transaction?.find('RltdAgts/DbtrAgt')),
    identifiers: [...partyIdentifiers(debtor), ...partyIdentifiers(parties?.child('UltmtDbtr'))],
    aliases: [...new Set(aliases)],
  };
}

/** ISO bank transaction code families to payment methods. */
function methodOf(entry: XmlElement): RemittancePaymentMethod {
  const family = entry.textOf('BkTxCd/Domn/Fmly/Cd');
  const subFamily = entry.textOf('BkTxCd/Domn/Fmly/SubFmlyCd');
  switch (family ?? '') {
    case 'RCHQ':
    case 'ICHQ':
    case 'CNTR':
      return 'check';
    case 'LBOX':
      return 'lockbox';
    case 'CCRD':
    case 'MCRD':
      return 'card';
    case 'RDDT':
    case 'IDDT':
      return 'ach';
    case 'RCDT':
      return subFamily === 'ACDT' || subFamily === 'ESCT' || subFamily === 'ASET' ? 'ach' : 'wire';
    default:
      return 'other';
  }
}

function transactionCode(entry: XmlElement): string | null {
  const domain = entry.textOf('BkTxCd/Domn/Cd');
  if (domain !== undefined) {
    return [domain, entry.textOf('BkTxCd/Domn/Fmly/Cd'), entry.textOf('BkTxCd/Domn/Fmly/SubFmlyCd')]
      .filter(Boolean)
      .join('/');
  }
  return entry.textOf('BkTxCd/Prtry/Cd') ?? null;
}

function control(
  name: string,
  element: XmlElement,
  declared: string,
  computed: string,
): ControlTotal {
  // Figures of an entry and its batch repeat with every entry: the payment's own controls.
  return { scope: 'payment', name, location: element.path, declared, computed };
}
