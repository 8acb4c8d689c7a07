import { normaliseIdentifier } from '@o2c/domain';

/** The payer evidence a payment keeps (payments.payer_evidence). */
interface PayerKeys {
  readonly accounts?: unknown;
  readonly identifiers?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The payment's free text as remittance: bank narratives repeat the payer's own account and
 * identifiers ('DACT: 7788970713', 'IND ID:C-10042'), which read like invoice numbers but say
 * who paid, not what for. Those values are taken out; the rest is left as written.
 */
export function remittanceText(freeText: readonly string[], payer: PayerKeys): string[] {
  const own = [...strings(payer.accounts), ...strings(payer.identifiers)]
    .filter((value) => normaliseIdentifier(value).length >= 3)
    .sort((a, b) => b.length - a.length);
  if (own.length === 0) return [...freeText];
  return freeText
    .map((text) =>
      own
        .reduce((rest, value) => rest.split(value).join(' '), text)
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => text !== '');
}
