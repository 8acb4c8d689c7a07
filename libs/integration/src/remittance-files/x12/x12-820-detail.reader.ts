import type { CurrencyCode } from '@o2c/domain';
import { explicitAmount, negate } from '../remittance-amount';
import type { ReferenceKind, RemittanceAdjustment, RemittanceLine } from '../remittance.model';
import type { X12Segment } from './x12-interchange.reader';
import { x12Date } from './x12-values';

const SIGNED = { syntax: 'x12', allowNegative: true } as const;
const UNSIGNED = { syntax: 'x12', allowNegative: false } as const;

export interface X12RemittanceDetail {
  readonly lines: RemittanceLine[];
  /** RMR04 of every RMR, in order (null where not given), for the BPR02 balance. */
  readonly documentAmounts: (string | null)[];
  /** ADX01 of adjustments outside an RMR loop (entity level), signed as written. */
  readonly entityAdjustments: string[];
}

interface LineDraft {
  reference: string;
  referenceKind: ReferenceKind;
  amountPaid: string | null;
  documentAmount: string | null;
  discountTaken: string | null;
  adjustments: RemittanceAdjustment[];
  documentDate: string | null;
  otherReferences: { scheme: string; value: string }[];
  notes: string[];
}

/**
 * The 820 detail: ENT loops holding RMR loops (RMR with its REF, DTM, NTE and ADX), and ADX
 * adjustments directly under ENT, which concern the account rather than one document. ADX01
 * is signed as the payer writes it (negative reduces the payment); lines carry deductions as
 * positive adjustments. The detail is body[from...].
 */
export function readRemittanceLines(
  body: readonly X12Segment[],
  from: number,
  currency: CurrencyCode,
): X12RemittanceDetail {
  const lines: RemittanceLine[] = [];
  const documentAmounts: (string | null)[] = [];
  const entityAdjustments: string[] = [];
  let current: LineDraft | null = null;
  let entity: string | null = null;
  const finish = () => {
    if (current !== null) lines.push(toLine(current, lines.length + 1, entity));
    current = null;
  };
  for (let index = from; index < body.length; index += 1) {
    const segment = body[index];
    switch (segment.id) {
      case 'ENT':
        finish();
        // ENT01 only numbers the loop; ENT04 identifies the entity (a store, a division).
        entity = segment.element(4) || null;
        break;
      case 'RMR': {
        finish();
        const draft = fromRmr(segment, currency);
        documentAmounts.push(draft.amountPaid);
        current = draft;
        break;
      }
      case 'REF':
        if (current !== null && segment.element(2) !== '') {
          current.otherReferences.push({
            scheme: referenceScheme(segment.element(1)),
            value: segment.element(2),
          });
        }
        break;
      case 'DTM':
        if (current !== null && segment.element(1) === '003') {
          current.documentDate = x12Date(segment.element(2), () => segment.location(2));
        }
        break;
      case 'NTE':
        if (current !== null && segment.element(2) !== '') current.notes.push(segment.element(2));
        break;
      case 'ADX': {
        const amount = explicitAmount(
          segment.required(1, 'the adjustment amount'),
          currency,
          () => segment.location(1),
          SIGNED,
        );
        const adjustment: RemittanceAdjustment = {
          amount: negate(amount, currency),
          reasonCode: segment.element(2) || null,
          reasonCodeList: segment.element(2) === '' ? null : 'X12-426',
          description:
            segment.element(4) === '' ? null : `${segment.element(3)} ${segment.element(4)}`.trim(),
        };
        if (current !== null) {
          current.adjustments.push(adjustment);
        } else {
          entityAdjustments.push(amount);
          lines.push(
            toLine(
              {
                reference: segment.element(4),
                referenceKind: 'other',
                amountPaid: amount,
                documentAmount: null,
                discountTaken: null,
                adjustments: [adjustment],
                documentDate: null,
                otherReferences: [],
                notes: ['Adjustment to the account, not to one document'],
              },
              lines.length + 1,
              entity,
            ),
          );
        }
        break;
      }
      default:
        break;
    }
  }
  finish();
  return { lines, documentAmounts, entityAdjustments };
}

function fromRmr(rmr: X12Segment, currency: CurrencyCode): LineDraft {
  const amount = (n: number, rules: typeof SIGNED | typeof UNSIGNED) => {
    const written = rmr.element(n);
    return written === '' ? null : explicitAmount(written, currency, () => rmr.location(n), rules);
  };
  const adjustments: RemittanceAdjustment[] = [];
  const adjusted = amount(8, SIGNED);
  if (rmr.element(7) !== '' || adjusted !== null) {
    adjustments.push({
      amount: adjusted ?? '0',
      reasonCode: rmr.element(7) || null,
      reasonCodeList: rmr.element(7) === '' ? null : 'X12-426',
      description: null,
    });
  }
  return {
    reference: rmr.required(2, 'the document reference'),
    referenceKind: referenceKind(rmr.element(1)),
    amountPaid: amount(4, SIGNED),
    documentAmount: amount(5, SIGNED),
    discountTaken: amount(6, UNSIGNED),
    adjustments,
    documentDate: null,
    otherReferences: [],
    notes: [],
  };
}

function toLine(draft: LineDraft, lineNumber: number, entity: string | null): RemittanceLine {
  return {
    lineNumber,
    reference: draft.reference === '' ? null : draft.reference,
    referenceKind: draft.referenceKind,
    amountPaid: draft.amountPaid,
    documentAmount: draft.documentAmount,
    discountTaken: draft.discountTaken,
    adjustments: draft.adjustments,
    documentDate: draft.documentDate,
    otherReferences:
      entity === null
        ? draft.otherReferences
        : [...draft.otherReferences, { scheme: 'entity', value: entity }],
    freeText: draft.notes.length === 0 ? null : draft.notes.join(' '),
  };
}

/** Reference identification qualifiers (element 128) of RMR01. */
function referenceKind(qualifier: string): ReferenceKind {
  switch (qualifier) {
    case 'IV':
    case 'OI':
    case 'IK':
    case 'R7':
      return 'invoice';
    case 'CM':
      return 'credit-note';
    case 'DM':
      return 'debit-note';
    case 'PO':
      return 'purchase-order';
    default:
      return 'other';
  }
}

function referenceScheme(qualifier: string): string {
  switch (qualifier) {
    case 'PO':
      return 'purchase-order';
    case 'BM':
      return 'bill-of-lading';
    case 'IV':
      return 'invoice';
    default:
      return `x12-ref-${qualifier}`;
  }
}
