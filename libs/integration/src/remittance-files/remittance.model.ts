import type { CurrencyCode } from '@o2c/domain';

/**
 * The canonical payment advice every bank and remittance format is read into, and what the
 * JSON payments API accepts too: one shape for cash application whatever the source. Amounts
 * are decimal strings with exactly the currency's minor units ("1250.00", JPY "1250"); dates
 * are 'YYYY-MM-DD'; times ISO 8601 as the file states them.
 */

export const REMITTANCE_FILE_FORMATS = [
  'camt052',
  'camt053',
  'camt054',
  'bai2',
  'x12_820',
] as const;
export type RemittanceFileFormat = (typeof REMITTANCE_FILE_FORMATS)[number];

export const REMITTANCE_PAYMENT_METHODS = [
  'ach',
  'wire',
  'check',
  'card',
  'lockbox',
  'other',
] as const;
export type RemittancePaymentMethod = (typeof REMITTANCE_PAYMENT_METHODS)[number];

/** A bank account as files identify it: IBAN, or a local number with its bank's id. */
export interface BankAccountReference {
  readonly iban: string | null;
  /** Domestic account number (BAI2, X12, camt Othr/Id). */
  readonly number: string | null;
  /** BIC, ABA routing number or clearing member id of the bank holding it. */
  readonly bankId: string | null;
}

/** An identifier the payer quoted: a customer number, DUNS, tax id, remitter id. */
export interface PartyIdentifier {
  /** What kind: 'customer-number', 'duns', 'tax-id', 'bic', 'lei', or the file's own qualifier. */
  readonly scheme: string;
  readonly value: string;
}

export interface RemittancePayer {
  readonly name: string | null;
  readonly account: BankAccountReference | null;
  readonly identifiers: readonly PartyIdentifier[];
  /** Other names on the payment: ultimate debtor, initiating party, additional names. */
  readonly aliases: readonly string[];
}

export const REFERENCE_KINDS = [
  'invoice',
  'credit-note',
  'debit-note',
  'purchase-order',
  'creditor-reference',
  'other',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface RemittanceAdjustment {
  /** Positive: deducted by the payer (a short payment); negative: added. */
  readonly amount: string;
  readonly reasonCode: string | null;
  /** The code list the reason code comes from, when the format says: 'X12-426'. */
  readonly reasonCodeList: string | null;
  readonly description: string | null;
}

/** One document the payment settles, as the payer described it. */
export interface RemittanceLine {
  readonly lineNumber: number;
  /** The document number as written ("INV-00001234", "1234"). */
  readonly reference: string | null;
  readonly referenceKind: ReferenceKind;
  /** Paid on this document; negative for a credit note the payer nets. */
  readonly amountPaid: string | null;
  /** The document's amount as the payer knows it (X12 RMR05, camt DuePyblAmt). */
  readonly documentAmount: string | null;
  readonly discountTaken: string | null;
  readonly adjustments: readonly RemittanceAdjustment[];
  readonly documentDate: string | null;
  /** Other references on the line: purchase order, bill of lading... */
  readonly otherReferences: readonly PartyIdentifier[];
  readonly freeText: string | null;
}

export const REMITTANCE_KINDS = ['bank-credit', 'remittance-advice'] as const;
/**
 * bank-credit: money the bank reports as received (camt, BAI2).
 * remittance-advice: the payer's advice of a payment (X12 820); match it to the bank credit
 * by its trace number before applying, or post it when the advice is the payment record.
 */
export type RemittanceKind = (typeof REMITTANCE_KINDS)[number];

export interface Remittance {
  readonly kind: RemittanceKind;
  /** Where in the file it was read, e.g. 'Ntfctn[1]/Ntry[2]/TxDtls[1]', 'line 14', 'ST 0001'. */
  readonly sourceLocation: string;
  /** Positive. */
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly valueDate: string | null;
  readonly bookingDate: string | null;
  readonly method: RemittancePaymentMethod;
  /** The bank's own reference (camt AcctSvcrRef, BAI2 bank reference). */
  readonly bankReference: string | null;
  /** The payer's end-to-end reference or trace number (camt EndToEndId/UETR, X12 TRN02). */
  readonly paymentReference: string | null;
  /** The bank's transaction code (BAI2 type code, camt bank transaction code). */
  readonly transactionCode: string | null;
  readonly payer: RemittancePayer;
  /** The account the money arrived in. */
  readonly receivingAccount: BankAccountReference | null;
  readonly lines: readonly RemittanceLine[];
  /** Unstructured remittance text: narrative, Ustrd, BAI2 text, NTE. */
  readonly freeText: readonly string[];
}

/** An entry of a bank file that is not an incoming payment, and why it was left out. */
export interface SkippedEntry {
  readonly sourceLocation: string;
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly reason: 'debit' | 'reversal' | 'not-booked' | 'not-a-customer-receipt' | 'no-payment';
  readonly description: string;
}

/** The file's own identifiers, to refuse importing it twice. */
export interface RemittanceFileIdentity {
  readonly format: RemittanceFileFormat;
  /** A stable key over the identifiers below: equal keys mean the same file. */
  readonly key: string;
  readonly senderId: string | null;
  readonly receiverId: string | null;
  /** camt MsgId, BAI2 file id number, X12 ISA13 interchange control number. */
  readonly fileId: string;
  readonly createdAt: string | null;
  /** camt statement/notification/report ids, X12 GS06 group control numbers. */
  readonly documentIds: readonly string[];
  /** Payment trace numbers inside: X12 TRN02; camt and BAI2 bank references. */
  readonly traceNumbers: readonly string[];
}

/**
 * Where a control figure sits: in the file's own structure (trailers, group, account, batch or
 * message totals, a handful per file), or in each payment it carries (an X12 transaction set's
 * BPR against its RMR lines, a camt entry against its transactions: one per payment).
 */
export type ControlScope = 'file' | 'payment';

/** A control figure the file declares, and whether it matched what was read (always, once parsed). */
export interface ControlTotal {
  readonly scope: ControlScope;
  readonly name: string;
  readonly location: string;
  readonly declared: string;
  readonly computed: string;
}

export interface ParsedRemittanceFile {
  readonly format: RemittanceFileFormat;
  /** camt '001.08', BAI2 '2', X12 '004010'. */
  readonly formatVersion: string;
  readonly identity: RemittanceFileIdentity;
  /** Lower-case hex SHA-256 of the raw bytes. */
  readonly contentSha256: string;
  /**
   * Lower-case hex SHA-256 of the remittances read (canonical JSON): the same payments sent
   * again in a new envelope (a new ISA number, another file name) hash the same.
   */
  readonly payloadSha256: string;
  readonly remittances: readonly Remittance[];
  readonly skipped: readonly SkippedEntry[];
  readonly controlTotals: readonly ControlTotal[];
}
