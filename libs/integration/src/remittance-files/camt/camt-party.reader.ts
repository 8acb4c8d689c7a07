import type { BankAccountReference, PartyIdentifier } from '../remittance.model';
import type { XmlElement } from './xml-document';

/**
 * Parties and accounts across camt versions: up to .07 a party's name is `Dbtr/Nm`; from .08
 * it is `Dbtr/Pty/Nm` (the party may also be an agent). BICs are `BIC`/`BICOrBEI` in older
 * versions and `BICFI`/`AnyBIC` in newer ones.
 */
export function partyOf(element: XmlElement | undefined): XmlElement | undefined {
  return element?.child('Pty') ?? element;
}

export function partyName(element: XmlElement | undefined): string | null {
  return partyOf(element)?.textOf('Nm') ?? null;
}

/** Organisation and private identifiers of a party, with their scheme when the file names one. */
export function partyIdentifiers(element: XmlElement | undefined): PartyIdentifier[] {
  const party = partyOf(element);
  const id = party?.child('Id');
  if (id === undefined) return [];
  const found: PartyIdentifier[] = [];
  for (const holder of [id.child('OrgId'), id.child('PrvtId')]) {
    if (holder === undefined) continue;
    const bic = holder.textOf('AnyBIC') ?? holder.textOf('BICOrBEI');
    if (bic !== undefined) found.push({ scheme: 'bic', value: bic });
    const lei = holder.textOf('LEI');
    if (lei !== undefined) found.push({ scheme: 'lei', value: lei });
    for (const other of holder.children('Othr')) {
      const value = other.textOf('Id');
      if (value === undefined) continue;
      const scheme =
        other.textOf('SchmeNm/Cd') ?? other.textOf('SchmeNm/Prtry') ?? other.textOf('Issr');
      found.push({ scheme: schemeName(scheme), value });
    }
  }
  return found;
}

/** ISO external organisation identification codes to the schemes cash application knows. */
function schemeName(code: string | undefined): string {
  switch (code?.toUpperCase()) {
    case 'CUST':
      return 'customer-number';
    case 'DUNS':
      return 'duns';
    case 'TXID':
    case 'EIN':
      return 'tax-id';
    case undefined:
      return 'other';
    default:
      return code ?? 'other';
  }
}

export function accountOf(
  account: XmlElement | undefined,
  agent: XmlElement | undefined,
): BankAccountReference | null {
  const iban = account?.textOf('Id/IBAN') ?? null;
  const number = account?.textOf('Id/Othr/Id') ?? null;
  const bankId = agentId(agent);
  if (iban === null && number === null) return null;
  return { iban, number, bankId };
}

export function agentId(agent: XmlElement | undefined): string | null {
  const institution = agent?.child('FinInstnId');
  return (
    institution?.textOf('BICFI') ??
    institution?.textOf('BIC') ??
    institution?.textOf('ClrSysMmbId/MmbId') ??
    null
  );
}
