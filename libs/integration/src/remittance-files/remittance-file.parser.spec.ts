import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemittanceFileError, RemittanceFileErrorCode } from './remittance-file.error';
import { detectFormat, parseRemittanceFile } from './remittance-file.parser';

const FIXTURES = join(__dirname, 'fixtures');
const bytes = (folder: string, name: string) => readFileSync(join(FIXTURES, folder, name));
const text = (folder: string, name: string) => bytes(folder, name).toString('utf8');

/** Fixture files the importer must accept (the others are deliberately broken). */
const VALID = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(join(FIXTURES, folder.name))
      .filter((name) => !/wrong|missing|bad-/.test(name))
      .map((name) => [folder.name, name] as const),
  );

function rejection(action: () => unknown): RemittanceFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof RemittanceFileError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseRemittanceFile', () => {
  it('has fixtures of every format, several banks and versions', () => {
    expect(VALID.length).toBe(13);
  });

  it.each(VALID)('reads %s/%s with every control figure matched', (folder, name) => {
    const file = parseRemittanceFile(bytes(folder, name));
    expect(file.remittances.length).toBeGreaterThan(0);
    for (const control of file.controlTotals) expect(control.computed).toBe(control.declared);
    for (const remittance of file.remittances) {
      expect(remittance.amount).toMatch(/^\d+(\.\d{2,3})?$/);
      expect(Number(remittance.amount)).toBeGreaterThan(0);
    }
    expect(file.contentSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['<?xml version="1.0"?><Document/>', 'camt'],
    ['  \n01,A,B,260101,0000,1,,,2/', 'bai2'],
    ['00,A', 'bai2'],
    ['ISA*00*', 'x12_820'],
    ['hello', null],
    ['', null],
  ])('detects %p as %p', (content, format) => {
    expect(detectFormat(content)).toBe(format);
  });

  it('refuses an empty or unknown file', () => {
    expect(rejection(() => parseRemittanceFile(''))).toMatchObject({
      code: RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
      message: 'line 1: the file is empty',
    });
    expect(rejection(() => parseRemittanceFile('Dear sir, please find...')).code).toBe(
      RemittanceFileErrorCode.UNRECOGNISED_FORMAT,
    );
  });

  it('refuses a file of another format than the caller expects', () => {
    const bai2 = bytes('bai2', 'maple-bank.cad.bai2');
    expect(rejection(() => parseRemittanceFile(bai2, { format: 'x12_820' })).message).toBe(
      'line 1: expected a x12_820 file, but this is bai2',
    );
    const camt053 = bytes('camt', 'northern-bank.camt053.001.02.xml');
    expect(rejection(() => parseRemittanceFile(camt053, { format: 'camt054' })).message).toBe(
      'line 1: expected a camt054 file, but this is camt053',
    );
    expect(parseRemittanceFile(camt053, { format: 'camt053' }).format).toBe('camt053');
  });

  it('refuses a file above the size limit before reading it', () => {
    const error = rejection(() =>
      parseRemittanceFile(bytes('bai2', 'maple-bank.cad.bai2'), { maxBytes: 100 }),
    );
    expect(error.code).toBe(RemittanceFileErrorCode.TOO_LARGE);
  });

  it('refuses bytes that are not UTF-8, and reads a declared Latin-1 XML file', () => {
    const broken = Buffer.concat([bytes('bai2', 'maple-bank.cad.bai2'), Buffer.from([0xff, 0xfe])]);
    expect(rejection(() => parseRemittanceFile(broken)).code).toBe(
      RemittanceFileErrorCode.MALFORMED,
    );
    const latin = Buffer.from(
      text('camt', 'alpine-bank.camt054.001.04.xml').replace(
        'encoding="UTF-8"',
        'encoding="ISO-8859-1"',
      ),
      'latin1',
    );
    expect(parseRemittanceFile(latin).remittances[0].payer.name).toBe('Zürcher Werkzeug AG');
  });

  it('ignores a byte-order mark', () => {
    const withBom = `\uFEFF${text('bai2', 'harbor-bank.packed.bai2')}`;
    expect(parseRemittanceFile(withBom).remittances).toHaveLength(2);
  });
});

describe('duplicate-file detection inputs', () => {
  it.each(VALID)('%s/%s: identity and hashes are stable across re-parses', (folder, name) => {
    const first = parseRemittanceFile(bytes(folder, name));
    const second = parseRemittanceFile(bytes(folder, name));
    expect(second.identity).toEqual(first.identity);
    expect(second.contentSha256).toBe(first.contentSha256);
    expect(second.payloadSha256).toBe(first.payloadSha256);
    expect(first.identity.key).toContain(first.identity.fileId.split('+')[0]);
  });

  it('the same bytes as a string or a buffer hash the same', () => {
    const raw = bytes('camt', 'pacific-bank.camt054.001.08.xml');
    expect(parseRemittanceFile(raw.toString('utf8')).contentSha256).toBe(
      parseRemittanceFile(raw).contentSha256,
    );
  });

  it('a re-sent file with other line endings: new content hash, same identity and payload', () => {
    const original = text('bai2', 'maple-bank.cad.bai2');
    const resent = original.replace(/\n/g, '\r\n');
    const [a, b] = [parseRemittanceFile(original), parseRemittanceFile(resent)];
    expect(b.contentSha256).not.toBe(a.contentSha256);
    expect(b.identity.key).toBe(a.identity.key);
    expect(b.payloadSha256).toBe(a.payloadSha256);
  });

  it('the same payments in a new envelope: new identity, same payload and trace numbers', () => {
    const original = text('x12', 'acme-hardware.820.004010.edi');
    const rewrapped = original.replace(/000004521/g, '000009999');
    const [a, b] = [parseRemittanceFile(original), parseRemittanceFile(rewrapped)];
    expect(b.identity.key).not.toBe(a.identity.key);
    expect(b.payloadSha256).toBe(a.payloadSha256);
    expect(b.identity.traceNumbers).toEqual(a.identity.traceNumbers);
  });

  it('a different file of the same bank: different identity and payload', () => {
    const a = parseRemittanceFile(bytes('bai2', 'harbor-bank.packed.bai2'));
    const next = text('bai2', 'harbor-bank.packed.bai2')
      .replace('260306,1800,9,', '260307,1800,10,')
      .replace('16,142,24250', '16,142,24251')
      .replace(/228500/g, '228501');
    const b = parseRemittanceFile(next);
    expect(b.identity.key).not.toBe(a.identity.key);
    expect(b.payloadSha256).not.toBe(a.payloadSha256);
  });

  it('keys carry what identifies a file in each format', () => {
    expect(
      parseRemittanceFile(bytes('camt', 'northern-bank.camt054.001.02.xml')).identity.key,
    ).toBe(
      'camt054|NBKADEFFXXX|NBK-054-20260305-0001|2026-03-05T07%3A15%3A00%2B01%3A00|NBK-NTF-20260305-01',
    );
    expect(parseRemittanceFile(bytes('bai2', 'maple-bank.cad.bai2')).identity.key).toBe(
      'bai2|MAPLECA|0306A|2026-03-06T06%3A15',
    );
    expect(parseRemittanceFile(bytes('x12', 'bolt-nut.820.005010.edi')).identity.key).toBe(
      'x12_820|ZZ%3ABOLTNUT|000000088|2026-03-06T09%3A05|88',
    );
  });
});
