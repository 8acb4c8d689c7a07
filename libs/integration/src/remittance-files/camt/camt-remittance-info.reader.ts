import type { CurrencyCode } from '@o2c/domain';
import { currencyOf, explicitAmount, negate, sumAmounts } from '../remittance-amount';
import type { ReferenceKind, RemittanceAdjustment, RemittanceLine } from '../remittance.model';
import { calendarDate } from './camt-values';
import type { XmlElement } from './xml-document';

export interface RemittanceInformation {
  readonly lines: RemittanceLine[];
  readonly freeText: string[];
}

const AMOUNT = { syntax: 'iso20022', allowNegative: false } as const;

/**
 * RmtInf of one transaction: every structured block (Strd) becomes one line per referred
 * document, the unstructured text (Ustrd) free text. Line amounts are kept only in the
 * payment's currency; an amount in another currency is reported in the line's text instead.
 */
export function readRemittanceInformation(
  remittance: XmlElement | undefined,
  currency: CurrencyCode,
  firstLineNumber: number,
): RemittanceInformation {
  const freeText = (remittance?.children('Ustrd') ?? []).map((item) => item.text).filter(Boolean);
  const lines: RemittanceLine[] = [];
  for (const structured of remittance?.children('Strd') ?? []) {
    lines.push(...structuredLines(structured, currency, firstLineNumber + lines.length));
  }
  return { lines, freeText };
}

function structuredLines(
  structured: XmlElement,
  currency: CurrencyCode,
  firstLineNumber: number,
): RemittanceLine[] {
  const documents = structured.children('RfrdDocInf');
  const amounts = structured.child('RfrdDocAmt');
  const notes: string[] = structured
    .children('AddtlRmtInf')
    .map((item) => item.text)
    .filter(Boolean);
  const creditorReference = structured.textOf('CdtrRefInf/Ref') ?? null;
  const figures = amounts === undefined ? null : readAmounts(amounts, currency, notes);
  const base = {
    documentAmount: figures?.documentAmount ?? null,
    discountTaken: figures?.discount ?? null,
    adjustments: figures?.adjustments ?? [],
  };
  if (documents.length === 0) {
    return [
      {
        lineNumber: firstLineNumber,
        reference: creditorReference,
        referenceKind: creditorReference === null ? 'other' : 'creditor-reference',
        amountPaid: figures?.paid ?? null,
        documentDate: null,
        otherReferences: [],
        freeText: notes.join(' ') || null,
        ...base,
      },
    ];
  }
  // The amounts of a block belong to its document; with several documents nobody can say
  // which amount is whose, so they are kept only when there is exactly one.
  const single = documents.length === 1;
  return documents.map((document, index) => {
    const kind = referenceKind(
      document.textOf('Tp/CdOrPrtry/Cd') ?? document.textOf('Tp/CdOrPrtry/Prtry'),
    );
    const paid = figures?.paid ?? null;
    const amountPaid = !single
      ? null
      : kind === 'credit-note' && figures?.creditNote
        ? negate(figures.creditNote, currency)
        : paid;
    return {
      lineNumber: firstLineNumber + index,
      reference: document.textOf('Nb') ?? null,
      referenceKind: kind,
      amountPaid,
      documentDate: calendarDate(document, 'RltdDt'),
      otherReferences:
        creditorReference === null
          ? []
          : [{ scheme: 'creditor-reference', value: creditorReference }],
      freeText: notes.join(' ') || null,
      ...base,
      ...(single ? {} : { documentAmount: null, discountTaken: null, adjustments: [] }),
    };
  });
}

interface DocumentAmounts {
  readonly paid: string | null;
  readonly documentAmount: string | null;
  readonly discount: string | null;
  readonly creditNote: string | null;
  readonly adjustments: RemittanceAdjustment[];
}

function readAmounts(
  amounts: XmlElement,
  currency: CurrencyCode,
  notes: string[],
): DocumentAmounts {
  const amountIn = (element: XmlElement | undefined): string | null => {
    if (element === undefined) return null;
    const ccy = currencyOf(element.attribute('Ccy'), element.location);
    const value = explicitAmount(element.text, ccy, element.location, AMOUNT);
    if (ccy !== currency) {
      notes.push(`${element.name} ${value} ${ccy}`);
      return null;
    }
    return value;
  };
  // Up to .03 DscntApldAmt is an amount; from .04 a list of typed amounts.
  const discounts = amounts
    .children('DscntApldAmt')
    .map((item) => amountIn(item.child('Amt') ?? item))
    .filter((value): value is string => value !== null);
  const adjustments = amounts.children('AdjstmntAmtAndRsn').flatMap((adjustment) => {
    const value = amountIn(adjustment.required('Amt'));
    if (value === null) return [];
    // DBIT (or no indicator) reduces what is paid: a deduction; CRDT adds to it.
    const added = adjustment.textOf('CdtDbtInd') === 'CRDT';
    return [
      {
        amount: added ? negate(value, currency) : value,
        reasonCode: adjustment.textOf('Rsn') ?? null,
        reasonCodeList: null,
        description: adjustment.textOf('AddtlInf') ?? null,
      },
    ];
  });
  return {
    paid: amountIn(amounts.child('RmtdAmt')),
    documentAmount: amountIn(amounts.child('DuePyblAmt')),
    discount: discounts.length === 0 ? null : sumAmounts(discounts, currency),
    creditNote: amountIn(amounts.child('CdtNoteAmt')),
    adjustments,
  };
}

/** ISO 20022 DocumentType codes to what cash application needs to know. */
function referenceKind(code: string | undefined): ReferenceKind {
  switch (code?.toUpperCase()) {
    case 'CINV':
    case 'CMCN':
    case 'HIRI':
    case 'SBIN':
    case 'SOAC':
    case 'DISP':
      return 'invoice';
    case 'CREN':
      return 'credit-note';
    case 'DEBN':
      return 'debit-note';
    case 'PUOR':
      return 'purchase-order';
    case 'SCOR':
    case 'RADM':
    case 'RPIN':
      return 'creditor-reference';
    case undefined:
      return 'invoice';
    default:
      return 'other';
  }
}
