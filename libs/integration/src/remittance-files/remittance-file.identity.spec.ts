import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, payloadSha256 } from './remittance-file.identity';
import { parseRemittanceFile } from './remittance-file.parser';

/** The canonical JSON as first defined: payload hashes stored for earlier files stay valid. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FIXTURES = join(__dirname, 'fixtures');

describe('payload hash', () => {
  it('writes the canonical JSON it always wrote', () => {
    const value = {
      b: [1, 'two', null, undefined, { z: true, a: undefined, é: 'x', A: [] }],
      a: { nested: { y: '1.00', x: null } },
      '"quoted"': 0,
    };
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson([])).toBe('[]');
  });

  it('writes odd values as it always did', () => {
    const text = 'tab\t "quote" back\\slash \u0001 \u2028 lone \ud800 pair \ud83d\ude00 é';
    const values: unknown[] = [
      { text, [text]: text, list: [text, undefined, null, () => 1, Symbol('s'), [[]], {}] },
      { fn: () => 1, symbol: Symbol('s'), nan: NaN, inf: -Infinity, zero: -0, yes: true },
      { date: new Date(0), nested: [{ b: 1, a: 2 }, { a: 2, b: 1 }, { c: { b: [], a: {} } }] },
      [undefined, 1.5e300, 'x', false],
      'plain',
      42,
      null,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(undefined)).toBe(reference(undefined));
  });

  it.each(
    readdirSync(FIXTURES, { withFileTypes: true }).flatMap((folder) =>
      folder.isDirectory()
        ? readdirSync(join(FIXTURES, folder.name)).map((name) => [folder.name, name])
        : [],
    ),
  )('hashes %s/%s as the whole canonical JSON', (folder, name) => {
    let parsed;
    try {
      parsed = parseRemittanceFile(readFileSync(join(FIXTURES, folder, name)));
    } catch {
      return; // fixtures of refused files
    }
    const whole = createHash('sha256').update(reference(parsed.remittances)).digest('hex');
    expect(payloadSha256(parsed.remittances)).toBe(whole);
    expect(parsed.payloadSha256).toBe(whole);
  });
});
