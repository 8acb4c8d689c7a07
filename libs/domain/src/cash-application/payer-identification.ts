/**
 * Who paid? Banks and remittances identify the payer by bank account, by identifiers the payer
 * quotes (our customer number, a DUNS or tax number), or only by a name that rarely matches
 * the customer master exactly ("ACME HARDWARE INC." vs "Acme Hardware, Incorporated"). The
 * caller looks candidates up (by normalised account and alias, see the normalisers below) and
 * this decides among them, with the reason.
 */

export interface PayerEvidence {
  readonly name: string | null;
  /** IBANs and account numbers the money came from. */
  readonly accounts: readonly string[];
  /** Identifiers the payer quoted: customer number, DUNS, tax id, remitter id. */
  readonly identifiers: readonly string[];
  /** Other names on the payment: ultimate debtor, initiating party, N1 additional names. */
  readonly aliases: readonly string[];
}

export interface KnownCustomer {
  readonly customerId: string;
  readonly customerNumber: string;
  readonly name: string;
  /** Names and bank accounts the customer is known to pay under. */
  readonly aliases: readonly string[];
}

export const PAYER_MATCH_RULES = ['bank-account', 'customer-number', 'alias', 'name'] as const;
export type PayerMatchRule = (typeof PAYER_MATCH_RULES)[number];

export interface PayerMatch {
  readonly customerId: string;
  readonly rule: PayerMatchRule;
  readonly confidence: number;
  readonly reason: string;
}

export interface PayerIdentification {
  /** Null when nobody matched well enough, or two customers matched equally well. */
  readonly customerId: string | null;
  readonly match: PayerMatch | null;
  /** Every candidate that matched at all, best first, for the work queue. */
  readonly candidates: readonly PayerMatch[];
}

/** Below this a payer match is a suggestion, not an identification. */
export const PAYER_IDENTIFICATION_THRESHOLD = 0.9;

const RULE_CONFIDENCE: Readonly<Record<PayerMatchRule, number>> = {
  'bank-account': 0.99,
  'customer-number': 0.98,
  alias: 0.95,
  name: 0.9,
};
/** Names sharing most of their words: "ACME HARDWARE SUPPLY" for "ACME HARDWARE". */
const SIMILAR_NAME_CONFIDENCE = 0.7;

const LEGAL_FORMS = new Set([
  'AB', 'AG', 'BV', 'CO', 'COMPANY', 'CORP', 'CORPORATION', 'GMBH', 'INC', 'INCORPORATED', 'KG',
  'LIMITED', 'LLC', 'LLP', 'LP', 'LTD', 'NV', 'OY', 'PLC', 'SA', 'SARL', 'SAS', 'SPA', 'SRL',
  'THE',
]); // prettier-ignore

/** 'Acme Hardware, Inc.' and 'ACME HARDWARE INCORPORATED' both -> 'ACME HARDWARE'. */
export function normalisePartyName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !LEGAL_FORMS.has(word))
    .join(' ')
    .replace(/( AND)+$/, ''); // what is left of "GmbH & Co. KG"
}

/** 'DE89 3704 0044 0532 0130 00' -> 'DE89370400440532013000'; also customer numbers. */
export function normaliseIdentifier(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function identifyPayer(
  payer: PayerEvidence,
  known: readonly KnownCustomer[],
): PayerIdentification {
  const accounts = new Set(payer.accounts.map(normaliseIdentifier).filter(Boolean));
  const identifiers = new Set(payer.identifiers.map(normaliseIdentifier).filter(Boolean));
  const names = [payer.name, ...payer.aliases]
    .filter((name): name is string => name !== null)
    .map(normalisePartyName)
    .filter(Boolean);
  const candidates: PayerMatch[] = [];
  for (const customer of known) {
    const match = bestMatch(customer, accounts, identifiers, names);
    if (match !== null) candidates.push(match);
  }
  candidates.sort((a, b) => b.confidence - a.confidence);
  const [best, second] = candidates;
  const clear =
    best !== undefined &&
    best.confidence >= PAYER_IDENTIFICATION_THRESHOLD &&
    (second === undefined || second.confidence < best.confidence);
  return { customerId: clear ? best.customerId : null, match: clear ? best : null, candidates };
}

function bestMatch(
  customer: KnownCustomer,
  accounts: ReadonlySet<string>,
  identifiers: ReadonlySet<string>,
  names: readonly string[],
): PayerMatch | null {
  const aliasIds = customer.aliases.map(normaliseIdentifier);
  const account = aliasIds.find((alias) => accounts.has(alias));
  if (account !== undefined) {
    return found(customer, 'bank-account', `Paid from account ${account}, known for the customer`);
  }
  const number = normaliseIdentifier(customer.customerNumber);
  if (identifiers.has(number) || aliasIds.some((alias) => identifiers.has(alias))) {
    return found(
      customer,
      'customer-number',
      `The remittance quotes customer number ${customer.customerNumber}`,
    );
  }
  const aliasNames = customer.aliases.map(normalisePartyName).filter(Boolean);
  const alias = names.find((name) => aliasNames.includes(name));
  if (alias !== undefined) {
    return found(customer, 'alias', `Payer name "${alias}" is a known alias of the customer`);
  }
  const own = normalisePartyName(customer.name);
  if (names.includes(own)) {
    return found(customer, 'name', `Payer name matches the customer name "${customer.name}"`);
  }
  const similar = names.find((name) => wordOverlap(name, own) >= 0.75);
  if (similar !== undefined) {
    return {
      customerId: customer.customerId,
      rule: 'name',
      confidence: SIMILAR_NAME_CONFIDENCE,
      reason: `Payer name "${similar}" resembles the customer name "${customer.name}"`,
    };
  }
  return null;
}

function found(customer: KnownCustomer, rule: PayerMatchRule, reason: string): PayerMatch {
  return { customerId: customer.customerId, rule, confidence: RULE_CONFIDENCE[rule], reason };
}

/** Shared words over the words of the longer name (Jaccard would punish short names more). */
function wordOverlap(a: string, b: string): number {
  const left = new Set(a.split(' '));
  const right = new Set(b.split(' '));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / Math.max(left.size, right.size);
}
