import { type CurrencyCode } from '@o2c/domain';
import { currencyOf } from '../remittance-amount';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { fileIdentity, payloadSha256, sha256Hex } from '../remittance-file.identity';
import type {
  ControlTotal,
  ParsedRemittanceFile,
  Remittance,
  SkippedEntry,
} from '../remittance.model';
import { type Bai2Record, fieldsOf, readBai2Records } from './bai2-records.reader';
import { readAccountSummary, readTransaction } from './bai2-transaction.reader';
import { bai2Date, bai2Time, wholeNumber } from './bai2-values';

/** BAI2 currency when neither the group nor the account names one. */
const DEFAULT_CURRENCY: CurrencyCode = 'USD';

interface Totals {
  /** Sum of the amounts as written (minor units), as BAI2 control totals add them. */
  amount: bigint;
  records: number;
}

/**
 * BAI Cash Management Balance Reporting Specifications, version 2: file (01/99), groups
 * (02/98), accounts (03/49), transaction details (16) and continuations (88). Credits that
 * can be customer receipts become remittances. Every trailer is checked: account, group and
 * file control totals (the sum of every amount in 03 and 16 records) and record counts, the
 * number of accounts per group and of groups per file.
 */
export function parseBai2File(text: string, raw: string | Uint8Array): ParsedRemittanceFile {
  const records = readBai2Records(text);
  const cursor = new Cursor(records);
  const header = cursor.expect('01', 'the file must start with a file header (01)');
  const [senderId, receiverId, creationDate, creationTime, fileId, , , version] = fieldsOf(header);
  if (version !== '2') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      `version "${version ?? ''}" is not BAI version 2`,
      { line: header.line, record: '01', element: 'field 9 (version number)' },
    );
  }
  requireField(senderId, header, 'field 2 (sender identification)');
  requireField(fileId, header, 'field 6 (file identification number)');
  const createdOn = bai2Date(creationDate, {
    line: header.line,
    record: '01',
    element: 'field 4 (file creation date)',
  });
  const createdAt = `${createdOn}T${bai2Time(creationTime, { line: header.line, record: '01', element: 'field 5 (file creation time)' }) ?? '00:00'}`;

  const remittances: Remittance[] = [];
  const skipped: SkippedEntry[] = [];
  const controls: ControlTotal[] = [];
  const traceNumbers: string[] = [];
  const file: Totals = { amount: 0n, records: 1 + header.continuations.length };
  let groups = 0;
  while (cursor.peek()?.code === '02') {
    const group = cursor.next();
    groups += 1;
    const groupFields = fieldsOf(group);
    const status = groupFields[2];
    if (!['1', '2', '3', '4'].includes(status ?? '')) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.INVALID_VALUE,
        `group status "${status ?? ''}" must be 1 to 4`,
        {
          line: group.line,
          record: '02',
          element: 'field 4 (group status)',
        },
      );
    }
    const groupCurrency = groupFields[5]
      ? currencyOf(groupFields[5], {
          line: group.line,
          record: '02',
          element: 'field 7 (currency code)',
        })
      : DEFAULT_CURRENCY;
    const asOfDate = bai2Date(groupFields[3], {
      line: group.line,
      record: '02',
      element: 'field 5 (as-of date)',
    });
    const totals: Totals = { amount: 0n, records: 1 + group.continuations.length };
    let accounts = 0;
    while (cursor.peek()?.code === '03') {
      const account = cursor.next();
      accounts += 1;
      const summary = readAccountSummary(account, groupCurrency, groupFields[1] || null);
      const accountTotals: Totals = {
        amount: summary.amount,
        records: 1 + account.continuations.length,
      };
      while (cursor.peek()?.code === '16') {
        const detail = cursor.next();
        const reading = readTransaction(detail, summary, asOfDate);
        accountTotals.amount += reading.amount;
        accountTotals.records += 1 + detail.continuations.length;
        if (reading.remittance !== null) remittances.push(reading.remittance);
        if (reading.skipped !== null) skipped.push(reading.skipped);
        if (reading.bankReference !== null) traceNumbers.push(reading.bankReference);
      }
      const trailer = cursor.expect(
        '49',
        `account ${summary.account} must end with an account trailer (49)`,
      );
      accountTotals.records += 1 + trailer.continuations.length;
      checkTrailer(trailer, accountTotals, 'account', controls);
      totals.amount += accountTotals.amount;
      totals.records += accountTotals.records;
    }
    const trailer = cursor.expect('98', 'a group must end with a group trailer (98)');
    totals.records += 1 + trailer.continuations.length;
    checkTrailer(trailer, totals, 'group', controls, accounts);
    file.amount += totals.amount;
    file.records += totals.records;
  }
  const trailer = cursor.expect(
    '99',
    'the file must end with a file trailer (99) after its groups',
  );
  file.records += 1 + trailer.continuations.length;
  checkTrailer(trailer, file, 'file', controls, groups);
  const extra = cursor.peek();
  if (extra !== undefined) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.STRUCTURE,
      'records after the file trailer (99)',
      {
        line: extra.line,
        record: extra.code,
      },
    );
  }
  return {
    format: 'bai2',
    formatVersion: '2',
    identity: fileIdentity('bai2', {
      senderId: senderId ?? null,
      receiverId: receiverId || null,
      fileId: fileId ?? '',
      createdAt,
      documentIds: [],
      traceNumbers,
    }),
    contentSha256: sha256Hex(raw),
    payloadSha256: payloadSha256(remittances),
    remittances,
    skipped,
    controlTotals: controls,
  };
}

/** 49: total, records. 98: total, accounts, records. 99: total, groups, records. */
function checkTrailer(
  trailer: Bai2Record,
  computed: Totals,
  level: 'account' | 'group' | 'file',
  controls: ControlTotal[],
  children?: number,
): void {
  const fields = fieldsOf(trailer);
  const where = (field: number, name: string) => ({
    line: trailer.line,
    record: trailer.code,
    element: `field ${field + 2} (${name})`,
  });
  const total = fields[0];
  if (!/^[+-]?\d+$/.test(total ?? '')) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `control total "${total ?? ''}" is not a number`,
      where(0, `${level} control total`),
    );
  }
  const declared = BigInt((total ?? '0').replace('+', ''));
  if (declared !== computed.amount) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      `${level} control total ${declared} differs from the sum of its amounts ${computed.amount}`,
      where(0, `${level} control total`),
    );
  }
  controls.push({
    scope: 'file',
    name: `${level} control total`,
    location: `line ${trailer.line}`,
    declared: String(declared),
    computed: String(computed.amount),
  });
  const countIndex = children === undefined ? 1 : 2;
  if (children !== undefined) {
    const declaredChildren = wholeNumber(
      fields[1],
      where(1, level === 'group' ? 'number of accounts' : 'number of groups'),
    );
    if (declaredChildren !== children) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.COUNT_MISMATCH,
        `${level} declares ${declaredChildren} ${level === 'group' ? 'accounts' : 'groups'} but has ${children}`,
        where(1, level === 'group' ? 'number of accounts' : 'number of groups'),
      );
    }
  }
  const declaredRecords = wholeNumber(fields[countIndex], where(countIndex, 'number of records'));
  if (declaredRecords !== computed.records) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.COUNT_MISMATCH,
      `${level} declares ${declaredRecords} records but has ${computed.records}`,
      where(countIndex, 'number of records'),
    );
  }
  controls.push({
    scope: 'file',
    name: `${level} record count`,
    location: `line ${trailer.line}`,
    declared: String(declaredRecords),
    computed: String(computed.records),
  });
}

function requireField(value: string | undefined, record: Bai2Record, element: string): void {
  if (value === undefined || value === '') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MISSING_ELEMENT,
      `${element} is required`,
      {
        line: record.line,
        record: record.code,
        element,
      },
    );
  }
}

class Cursor {
  private position = 0;

  constructor(private readonly records: readonly Bai2Record[]) {}

  peek(): Bai2Record | undefined {
    return this.records[this.position];
  }

  next(): Bai2Record {
    const record = this.records[this.position];
    this.position += 1;
    return record;
  }

  expect(code: Bai2Record['code'], message: string): Bai2Record {
    const record = this.peek();
    if (record?.code !== code) {
      throw new RemittanceFileError(
        record === undefined
          ? RemittanceFileErrorCode.MISSING_ELEMENT
          : RemittanceFileErrorCode.STRUCTURE,
        record === undefined
          ? `${message}; the file ended`
          : `${message}; found a ${record.code} record`,
        record === undefined ? { record: code } : { line: record.line, record: record.code },
      );
    }
    return this.next();
  }
}
