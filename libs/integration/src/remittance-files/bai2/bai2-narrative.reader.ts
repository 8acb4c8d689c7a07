import type { PartyIdentifier } from '../remittance.model';

/** What a bank's free-form transaction text says about the payer and the remittance. */
export interface Bai2Narrative {
  readonly payerName: string | null;
  readonly payerAccount: string | null;
  readonly payerBankId: string | null;
  readonly identifiers: PartyIdentifier[];
  /** Other names: the individual name of an ACH entry. */
  readonly aliases: string[];
  readonly paymentReference: string | null;
  /** Remittance text: REMI/OBI/RMT parts, or the whole text when none is tagged. */
  readonly remittanceText: string[];
  /** RMR segments of an ACH CTX addendum quoted in the text: reference and amount paid. */
  readonly documents: { reference: string; amount: string | null; kind: string }[];
}

type Meaning =
  | 'name'
  | 'alias'
  | 'originatorId'
  | 'individualId'
  | 'account'
  | 'bankId'
  | 'reference'
  | 'remittance'
  | 'ignore';

/**
 * Tags banks put in narratives, "TAG: value" or "TAG=value", to what they mean. Tags that
 * mean nothing here are listed too, so they end the value before them.
 */
const TAGS: Readonly<Record<string, Meaning>> = {
  'ORIG CO NAME': 'name',
  DBNM: 'name',
  'B/O': 'name',
  'BY ORDER OF': 'name',
  ORG: 'name',
  FROM: 'name',
  'IND NAME': 'alias',
  'ORIG ID': 'originatorId',
  'IND ID': 'individualId',
  DACT: 'account',
  DABA: 'bankId',
  DBIC: 'bankId',
  EREF: 'reference',
  'TRACE#': 'reference',
  'CLIENT REF ID': 'reference',
  REMI: 'remittance',
  OBI: 'remittance',
  RMT: 'remittance',
  RFB: 'remittance',
  'REMITTANCE INFO': 'remittance',
  'DESC DATE': 'ignore',
  'CO ENTRY DESCR': 'ignore',
  'ENTRY DESCRIPTION': 'ignore',
  SEC: 'ignore',
  EED: 'ignore',
  'GS ID': 'ignore',
  'CLEARING REF': 'ignore',
  'SETTLED AMT': 'ignore',
  'FX RATE': 'ignore',
  REASON: 'ignore',
  'RETURN REASON': 'ignore',
  'CHECK SERIAL NUMBER': 'ignore',
  CRNM: 'ignore',
  CACT: 'ignore',
  CABA: 'ignore',
  CBIC: 'ignore',
  CREF: 'ignore',
  IDNM: 'ignore',
  CHKN: 'ignore',
};

const TAG_PATTERN = new RegExp(
  `(?:^|[\\s,;])(${Object.keys(TAGS)
    .map((tag) => tag.replace(/[/#]/g, (c) => `\\${c}`))
    .join('|')})\\s*[:=]\\s*`,
  'gi',
);
const RMR = /RMR\*([A-Z0-9]{2})\*([^*~\\]+)(?:\*([A-Z0-9]*))?(?:\*(-?\d*\.?\d+))?/g;

/**
 * Reads the common narrative conventions: ACH company entries ("ORIG CO NAME:ACME CORP ORIG
 * ID:1234567890 ... IND ID:C-10042"), wires ("B/O: ACME CORP OBI: INV 1234"), tagged
 * continuation lines ("DBNM: ACME", "REMI: INV 1234"), and CTX addenda carrying X12 RMR
 * segments. Untagged text is kept whole as remittance text.
 */
export function readNarrative(lines: readonly string[]): Bai2Narrative {
  const text = lines.join('\n');
  const values: Partial<Record<Meaning, string>> = {};
  const remittance: string[] = [];
  const matches = [...text.matchAll(TAG_PATTERN)];
  matches.forEach((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    const value = text
      .slice(start, end)
      .split('\n')[0]
      .trim()
      .replace(/[,;]$/, '')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    const meaning = TAGS[match[1].toUpperCase()];
    if (value === '' || value === '-' || meaning === undefined || meaning === 'ignore') return;
    if (meaning === 'remittance') remittance.push(value);
    else values[meaning] ??= value;
  });
  const identifiers: PartyIdentifier[] = [];
  if (values.originatorId !== undefined)
    identifiers.push({ scheme: 'ach-company-id', value: values.originatorId });
  if (values.individualId !== undefined)
    identifiers.push({ scheme: 'ach-individual-id', value: values.individualId });
  const documents = [...text.matchAll(RMR)].map((match) => ({
    kind: match[1],
    reference: match[2].trim(),
    amount: match[4] ?? null,
  }));
  const whole = lines.map((line) => line.trim()).filter(Boolean);
  return {
    payerName: values.name ?? null,
    payerAccount: values.account ?? null,
    payerBankId: values.bankId ?? null,
    identifiers,
    aliases: values.alias === undefined || values.alias === values.name ? [] : [values.alias],
    paymentReference: values.reference ?? null,
    remittanceText: remittance.length > 0 ? [...new Set(remittance)] : whole,
    documents,
  };
}
