import type { CurrencyCode } from '@o2c/domain';
import { currencyOf, explicitAmount, sumAmounts } from '../remittance-amount';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { fileIdentity, payloadSha256, sha256Hex } from '../remittance-file.identity';
import type {
  ControlTotal,
  ParsedRemittanceFile,
  PartyIdentifier,
  Remittance,
  SkippedEntry,
} from '../remittance.model';
import { readRemittanceLines } from './x12-820-detail.reader';
import { x12Date } from './x12-values';
import { readX12File, type X12Segment, type X12TransactionSet } from './x12-interchange.reader';

const UNSIGNED = { syntax: 'x12', allowNegative: false } as const;

/**
 * X12 820 Payment Order/Remittance Advice (functional group RA), any version from 003040 on:
 * each transaction set is one payment (BPR) with its trace number (TRN), currency (CUR,
 * default USD), payer and payee (N1 loops) and remitted documents (ENT / RMR with REF, DTM
 * and ADX adjustments). Besides the envelope counts, BPR02 must equal the RMR04 amounts plus
 * adjustments not tied to a document.
 */
export function parseX12RemittanceAdvice(
  text: string,
  raw: string | Uint8Array,
): ParsedRemittanceFile {
  const { interchanges } = readX12File(text);
  const groups = interchanges.flatMap((interchange) => interchange.groups);
  const remittances: Remittance[] = [];
  const skipped: SkippedEntry[] = [];
  const controls: ControlTotal[] = [];
  let version = '';
  for (const group of groups) {
    if (group.header.element(1) !== 'RA') {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.UNSUPPORTED_VERSION,
        `functional group "${group.header.element(1)}" is not a remittance advice (RA)`,
        group.header.location(1),
      );
    }
    version ||= group.header.element(8);
    for (const set of group.sets) {
      const { remittance, control } = readPayment(set);
      if (control !== null) controls.push(control);
      if (remittance.amount === '0' || /^0(\.0+)?$/.test(remittance.amount)) {
        skipped.push({
          sourceLocation: remittance.sourceLocation,
          amount: remittance.amount,
          currency: remittance.currency,
          reason: 'no-payment',
          description: 'A zero-amount advice (prenotification or remittance without payment)',
        });
      } else {
        remittances.push(remittance);
      }
    }
  }
  const isa = interchanges[0].header;
  const gs = groups[0].header;
  return {
    format: 'x12_820',
    formatVersion: version,
    identity: fileIdentity('x12_820', {
      senderId: `${isa.element(5)}:${isa.element(6)}`,
      receiverId: `${isa.element(7)}:${isa.element(8)}`,
      fileId: interchanges.map((interchange) => interchange.controlNumber).join('+'),
      createdAt: createdAt(gs, isa),
      documentIds: groups.map((group) => group.controlNumber),
      traceNumbers: traceNumbersOf(remittances),
    }),
    contentSha256: sha256Hex(raw),
    payloadSha256: payloadSha256(remittances),
    remittances,
    skipped,
    controlTotals: controls,
  };
}

/** The remittances' trace numbers (TRN02); skipped zero advices carry none. */
function traceNumbersOf(remittances: readonly Remittance[]): string[] {
  const found: string[] = [];
  for (const remittance of remittances) {
    if (remittance.paymentReference !== null) found.push(remittance.paymentReference);
  }
  return found;
}

function readPayment(set: X12TransactionSet): {
  remittance: Remittance;
  control: ControlTotal | null;
} {
  const { header } = set;
  const body = set.body();
  if (header.element(1) !== '820') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      `transaction set ${header.element(1)} is not an 820`,
      header.location(1),
    );
  }
  const bpr = body[0];
  if (bpr?.id !== 'BPR') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.STRUCTURE,
      'BPR must follow ST',
      (bpr ?? header).location(),
    );
  }
  const { cur, trn, detailStart } = landmarksOf(body);
  const currency: CurrencyCode =
    cur === undefined ? 'USD' : currencyOf(cur.element(2), () => cur.location(2));
  const amount = explicitAmount(
    bpr.required(2, 'the payment amount'),
    currency,
    () => bpr.location(2),
    UNSIGNED,
  );
  const { lines, documentAmounts, entityAdjustments } = readRemittanceLines(
    body,
    detailStart,
    currency,
  );
  const control = checkBalance(bpr, amount, currency, documentAmounts, entityAdjustments);
  const payerLoop = loopOf(body, detailStart, 'PR');
  const payer = payerLoop[0];
  const location = `ST ${set.controlNumber}`;
  return {
    control,
    remittance: {
      kind: 'remittance-advice',
      sourceLocation: location,
      amount,
      currency,
      valueDate:
        bpr.element(16) === ''
          ? dateOf(body, detailStart)
          : x12Date(bpr.element(16), () => bpr.location(16)),
      bookingDate: null,
      method: methodOf(bpr.element(4)),
      bankReference: null,
      paymentReference: trn?.required(2, 'the trace number') ?? null,
      transactionCode: transactionCodeOf(bpr),
      payer: {
        name: payer?.element(2) || null,
        account:
          bpr.element(9) === ''
            ? null
            : { iban: null, number: bpr.element(9), bankId: bpr.element(7) || null },
        identifiers: payerIdentifiers(payerLoop, trn),
        aliases: aliasesOf(payerLoop),
      },
      receivingAccount:
        bpr.element(15) === ''
          ? null
          : { iban: null, number: bpr.element(15), bankId: bpr.element(13) || null },
      lines,
      freeText: freeTextOf(body, detailStart),
    },
  };
}

/** BPR02 = sum of RMR04 + adjustments of the entities (ADX outside an RMR loop). */
function checkBalance(
  bpr: X12Segment,
  amount: string,
  currency: CurrencyCode,
  documentAmounts: readonly (string | null)[],
  entityAdjustments: readonly string[],
): ControlTotal | null {
  // Without every RMR04 there is nothing to add up (an advice may list documents only).
  const amounts = documentAmounts.filter((value): value is string => value !== null);
  if (documentAmounts.length === 0 || amounts.length < documentAmounts.length) return null;
  const computed = sumAmounts([...amounts, ...entityAdjustments], currency);
  if (computed !== amount) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      `payment amount ${amount} differs from the remitted documents' ${computed}`,
      bpr.location(2),
    );
  }
  return {
    scope: 'payment',
    name: 'BPR02 vs RMR04 + ADX01',
    location: `segment ${bpr.position}`,
    declared: amount,
    computed,
  };
}

/**
 * The first CUR and TRN of the set, and where its detail starts (the first ENT or RMR; the
 * end when there is none): the header is body[0, detailStart).
 */
function landmarksOf(body: readonly X12Segment[]): {
  cur: X12Segment | undefined;
  trn: X12Segment | undefined;
  detailStart: number;
} {
  let cur: X12Segment | undefined;
  let trn: X12Segment | undefined;
  let detailStart = -1;
  for (let index = 0; index < body.length; index += 1) {
    const segment = body[index];
    if (cur === undefined && segment.id === 'CUR') cur = segment;
    else if (trn === undefined && segment.id === 'TRN') trn = segment;
    else if (detailStart === -1 && (segment.id === 'ENT' || segment.id === 'RMR')) {
      detailStart = index;
    }
  }
  return { cur, trn, detailStart: detailStart === -1 ? body.length : detailStart };
}

/** BPR01/BPR04/BPR05 joined by '/', the empty ones left out. */
function transactionCodeOf(bpr: X12Segment): string | null {
  let code = '';
  for (const n of [1, 4, 5]) {
    const value = bpr.element(n);
    if (value !== '') code = code === '' ? value : `${code}/${value}`;
  }
  return code === '' ? null : code;
}

/** N2 names of the payer loop, the empty ones left out. */
function aliasesOf(loop: readonly X12Segment[]): string[] {
  const aliases: string[] = [];
  for (const segment of loop) {
    if (segment.id !== 'N2') continue;
    if (segment.element(1) !== '') aliases.push(segment.element(1));
    if (segment.element(2) !== '') aliases.push(segment.element(2));
  }
  return aliases;
}

/** NTE and REF of the header before the first N1 loop: the payment's own notes. */
function freeTextOf(body: readonly X12Segment[], headerEnd: number): string[] {
  const texts: string[] = [];
  for (let index = 0; index < headerEnd; index += 1) {
    const segment = body[index];
    if (segment.id === 'N1') break;
    if (segment.id === 'NTE') texts.push(segment.element(2));
    else if (segment.id === 'REF' && segment.element(2) !== '') {
      texts.push(`REF ${segment.element(1)} ${segment.element(2)}`);
    }
  }
  return texts;
}

/**
 * The N1 loop for an entity code in the header (body[0, headerEnd)): the N1 segment and the
 * N2/N3/N4/REF/PER that follow it.
 */
function loopOf(body: readonly X12Segment[], headerEnd: number, entity: string): X12Segment[] {
  let start = 0;
  while (start < headerEnd && !(body[start].id === 'N1' && body[start].element(1) === entity)) {
    start += 1;
  }
  if (start === headerEnd) return [];
  const loop = [body[start]];
  for (let index = start + 1; index < headerEnd; index += 1) {
    if (!inPartyLoop(body[index].id)) break;
    loop.push(body[index]);
  }
  return loop;
}

function inPartyLoop(id: string): boolean {
  return id === 'N2' || id === 'N3' || id === 'N4' || id === 'REF' || id === 'PER';
}

/** X12 id code qualifiers (element 66) to identifier schemes. */
const ID_QUALIFIERS: Readonly<Record<string, string>> = {
  '1': 'duns',
  '9': 'duns',
  '24': 'tax-id',
  FI: 'tax-id',
  '91': 'customer-number',
  '92': 'buyer-assigned',
};

function payerIdentifiers(
  loop: readonly X12Segment[],
  trn: X12Segment | undefined,
): PartyIdentifier[] {
  const found: PartyIdentifier[] = [];
  const n1 = loop[0];
  if (n1 !== undefined && n1.element(4) !== '') {
    found.push({
      scheme: ID_QUALIFIERS[n1.element(3)] ?? `x12-${n1.element(3)}`,
      value: n1.element(4),
    });
  }
  for (const ref of loop) {
    if (ref.id === 'REF')
      found.push({ scheme: `x12-ref-${ref.element(1)}`, value: ref.element(2) });
  }
  if (trn !== undefined && trn.element(3) !== '') {
    found.push({ scheme: 'originating-company-id', value: trn.element(3) });
  }
  return found;
}

function methodOf(code: string) {
  switch (code) {
    case 'ACH':
      return 'ach' as const;
    case 'CHK':
      return 'check' as const;
    case 'FWT':
    case 'FEW':
    case 'SWT':
      return 'wire' as const;
    default:
      return 'other' as const;
  }
}

/** Without BPR16: the effective (DTM 007/009) or creation (097) date of the header. */
function dateOf(body: readonly X12Segment[], headerEnd: number): string | null {
  for (const qualifier of ['007', '009', '097']) {
    for (let index = 0; index < headerEnd; index += 1) {
      const dtm = body[index];
      if (dtm.id === 'DTM' && dtm.element(1) === qualifier) {
        return x12Date(dtm.element(2), () => dtm.location(2));
      }
    }
  }
  return null;
}

function createdAt(gs: X12Segment, isa: X12Segment): string {
  const date = /^\d{8}$/.test(gs.element(4)) ? gs.element(4) : `20${isa.element(9)}`;
  const time = (/^\d{4}/.test(gs.element(5)) ? gs.element(5) : isa.element(10)).slice(0, 4);
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}`;
}
