import { Decimal } from '@o2c/domain';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { fileIdentity, payloadSha256, sha256Hex } from '../remittance-file.identity';
import type {
  ControlTotal,
  ParsedRemittanceFile,
  Remittance,
  RemittanceFileFormat,
  SkippedEntry,
} from '../remittance.model';
import { accountOf, agentId } from './camt-party.reader';
import { type EntryReading, readEntry } from './camt-entry.reader';
import { creditOrDebit, wholeCount } from './camt-values';
import { parseXmlDocument, type XmlElement } from './xml-document';

/** camt messages we read: the root's child and its repeated statement-like element. */
const MESSAGES = {
  '052': { format: 'camt052', body: 'BkToCstmrAcctRpt', document: 'Rpt' },
  '053': { format: 'camt053', body: 'BkToCstmrStmt', document: 'Stmt' },
  '054': { format: 'camt054', body: 'BkToCstmrDbtCdtNtfctn', document: 'Ntfctn' },
} as const satisfies Record<
  string,
  { format: RemittanceFileFormat; body: string; document: string }
>;

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.(05[234])\.001\.(\d{2})$/;
/** Versions whose entry structure this reader handles (.02 through .13). */
const MIN_VERSION = 2;
const MAX_VERSION = 13;

/**
 * ISO 20022 bank-to-customer cash management: camt.054 debit/credit notifications, camt.053
 * statements and camt.052 intraday reports, versions .02 to .13. Entries become remittances;
 * the statement's transaction summary (entry counts, sums, net) and every batch total are
 * checked against the entries, and a mismatch rejects the file.
 */
export function parseCamtMessage(text: string, raw: string | Uint8Array): ParsedRemittanceFile {
  const { root, namespace } = parseXmlDocument(text);
  if (root.name !== 'Document') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
      `root element <${root.name}> is not an ISO 20022 <Document>`,
      root.location,
    );
  }
  const match = namespace === null ? null : NAMESPACE.exec(namespace);
  if (match === null) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      `namespace "${namespace ?? ''}" is not a camt.052, camt.053 or camt.054 message`,
      root.location,
    );
  }
  const message = MESSAGES[match[1] as keyof typeof MESSAGES];
  const version = Number(match[2]);
  if (version < MIN_VERSION || version > MAX_VERSION) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      `camt.${match[1]}.001.${match[2]} is not supported (versions .02 to .13 are)`,
      root.location,
    );
  }
  const body = root.required(message.body);
  const header = body.required('GrpHdr');
  const messageId = header.requiredText('MsgId');
  const createdAt = header.requiredText('CreDtTm');
  const documents = body.children(message.document);
  if (documents.length === 0) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MISSING_ELEMENT,
      `<${message.document}> is required in <${message.body}>`,
      body.locationOf(message.document),
    );
  }

  const remittances: Remittance[] = [];
  const skipped: SkippedEntry[] = [];
  const controls: ControlTotal[] = [];
  const traceNumbers: string[] = [];
  for (const document of documents) {
    document.requiredText('Id');
    const account = document.required('Acct');
    const receiving = accountOf(account, account.child('Svcr'));
    const entries = document.children('Ntry').map((entry) => readEntry(entry, receiving));
    checkSummary(document, entries, controls);
    for (const entry of entries) {
      remittances.push(...entry.remittances);
      skipped.push(...entry.skipped);
      controls.push(...entry.controls);
      if (entry.bankReference !== null) traceNumbers.push(entry.bankReference);
    }
  }
  const first = documents[0];
  return {
    format: message.format,
    formatVersion: `001.${match[2]}`,
    identity: fileIdentity(message.format, {
      senderId: agentId(first.find('Acct/Svcr')),
      receiverId: header.textOf('MsgRcpt/Nm') ?? null,
      fileId: messageId,
      createdAt,
      documentIds: documents.map((document) => document.requiredText('Id')),
      traceNumbers,
    }),
    contentSha256: sha256Hex(raw),
    payloadSha256: payloadSha256(remittances),
    remittances,
    skipped,
    controlTotals: controls,
  };
}

/**
 * TxsSummry: the number and sum of all entries, of credits and of debits, and the net
 * (credits less debits, with its indicator; .02 writes it as TtlNetNtryAmt + CdtDbtInd).
 * Each figure present must match the entries; sums are of amounts whatever their currency,
 * as the standard defines them.
 */
function checkSummary(
  document: XmlElement,
  entries: EntryReading[],
  controls: ControlTotal[],
): void {
  const summary = document.child('TxsSummry');
  if (summary === undefined) return;
  const credits = entries.filter((entry) => entry.indicator === 'CRDT');
  const debits = entries.filter((entry) => entry.indicator === 'DBIT');
  const groups: [string, EntryReading[]][] = [
    ['TtlNtries', entries],
    ['TtlCdtNtries', credits],
    ['TtlDbtNtries', debits],
  ];
  for (const [name, group] of groups) {
    const totals = summary.child(name);
    if (totals === undefined) continue;
    const count = totals.child('NbOfNtries');
    if (count !== undefined) {
      const declared = wholeCount(count);
      if (declared !== group.length) {
        throw new RemittanceFileError(
          RemittanceFileErrorCode.COUNT_MISMATCH,
          `declares ${declared} entries but the ${document.name} has ${group.length}`,
          count.location,
        );
      }
      controls.push({
        scope: 'file',
        name: `${name} count`,
        location: count.path,
        declared: String(declared),
        computed: String(declared),
      });
    }
    const sum = totals.child('Sum');
    if (sum !== undefined) {
      compare(sum, plainSum(group.map((entry) => entry.amount)), `${name} sum`, controls);
    }
  }
  const totals = summary.child('TtlNtries');
  const net = totals?.child('TtlNetNtry') ?? totals?.child('TtlNetNtryAmt');
  if (totals !== undefined && net !== undefined) {
    const amountElement = net.child('Amt') ?? net;
    const sign = creditOrDebit(net.child('Amt') === undefined ? totals : net) === 'DBIT' ? -1 : 1;
    const netValue = entries.reduce(
      (value, entry) =>
        entry.indicator === 'CRDT' ? value.plus(entry.amount) : value.minus(entry.amount),
      new Decimal(0),
    );
    const declared = new Decimal(plain(amountElement)).times(sign);
    if (!declared.equals(netValue)) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
        `net entry amount ${declared.toString()} differs from the entries' net ${netValue.toString()}`,
        amountElement.location,
      );
    }
    controls.push({
      scope: 'file',
      name: 'net entries',
      location: amountElement.path,
      declared: declared.toString(),
      computed: netValue.toString(),
    });
  }
}

function compare(
  element: XmlElement,
  computed: string,
  name: string,
  controls: ControlTotal[],
): void {
  const declared = plain(element);
  if (!new Decimal(declared).equals(computed)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      `${name} ${declared} differs from the entries' ${computed}`,
      element.location,
    );
  }
  controls.push({
    scope: 'file',
    name,
    location: element.path,
    declared,
    computed: atScale(new Decimal(computed), declared),
  });
}

/** A computed figure with as many decimals as the declared one, so the two read alike. */
function atScale(value: Decimal, like: string): string {
  return value.toFixed(like.split('.')[1]?.length ?? 0);
}

/** A summary figure has no currency of its own: a plain non-negative decimal. */
function plain(element: XmlElement): string {
  if (!/^\d{1,18}(\.\d{1,17})?$/.test(element.text)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${element.text}" is not a decimal amount`,
      element.location,
    );
  }
  return element.text;
}

function plainSum(amounts: readonly string[]): string {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)).toString();
}
