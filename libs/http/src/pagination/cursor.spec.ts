import { ApiErrorCode } from '../problem/api-error-code';
import { ProblemException } from '../problem/problem.exception';
import { type CursorPart, decodeCursor, encodeCursor, toPage } from './cursor';

const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

function forged(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function problemOf(work: () => unknown): ProblemException {
  try {
    work();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('no problem was thrown');
}

function expectRefused(cursor: string, parts: readonly CursorPart[]): void {
  const problem = problemOf(() => decodeCursor(cursor, parts));
  expect(problem.code).toBe(ApiErrorCode.INVALID_CURSOR);
  expect(problem.status).toBe(400);
  expect(problem.errors).toEqual([
    { path: '/query/cursor', rule: 'cursor', message: 'not a cursor returned by a previous page' },
  ]);
}

describe('decodeCursor', () => {
  it('answers undefined when the client sent no cursor', () => {
    expect(decodeCursor(undefined, ['int'])).toBeUndefined();
  });

  it('returns the key of a cursor it issued, typed by its parts', () => {
    const key = ['2026-03-06T14:05:09.123456Z', UUID, 7] as const;
    const decoded = decodeCursor(encodeCursor(key), ['timestamp', 'uuid', 'int']);
    expect(decoded).toEqual(key);
  });

  it.each([
    ['not base64url JSON', '%%%'],
    ['JSON that is not an array', forged({ at: 1 })],
    ['too few parts', forged([1])],
    ['too many parts', forged([1, UUID, 3])],
    ['an empty string', ''],
    ['a number too large for JSON', Buffer.from(`[1e999, "${UUID}"]`).toString('base64url')],
  ])('refuses %s', (_case, cursor) => {
    expectRefused(cursor, ['int', 'uuid']);
  });

  describe.each<[CursorPart, unknown[], unknown[]]>([
    [
      'int',
      [0, 1, 42, 2_147_483_647],
      [-1, 1.5, 2_147_483_648, 1e300, Number.MAX_SAFE_INTEGER, '1', null, true],
    ],
    [
      'bigint',
      ['1', '000123', '999999999999999999'],
      ['', '-1', '1.5', '1e3', '1234567890123456789', ' 1', 12],
    ],
    [
      'uuid',
      [UUID, UUID.toUpperCase()],
      ['abc', `${UUID}0`, UUID.replace(/-/g, ''), `{${UUID}}`, 'x', 1],
    ],
    [
      'timestamp',
      ['2026-03-06T14:05:09.123456Z', '2024-02-29T23:59:59.999999Z', '0001-01-01T00:00:00.000000Z'],
      [
        'abc',
        '2026-03-06T14:05:09Z',
        '2026-03-06T14:05:09.123Z',
        '2026-03-06 14:05:09.123456+00',
        '2026-13-01T00:00:00.000000Z',
        '2026-02-29T00:00:00.000000Z',
        '2026-04-31T00:00:00.000000Z',
        '0000-01-01T00:00:00.000000Z',
        '2026-03-06T24:00:00.000000Z',
        '2026-03-06T23:60:00.000000Z',
        '2026-03-06T23:59:60.000000Z',
        'infinity',
        1_700_000_000_000,
      ],
    ],
    [
      'timestamp-or-infinity',
      ['infinity', '2026-03-06T14:05:09.123456Z'],
      ['-infinity', 'Infinity', '2026-02-30T00:00:00.000000Z', 'x'],
    ],
    [
      'postgres-timestamp',
      [
        '2026-03-06 14:05:09.123456+00',
        '2026-03-06 14:05:09.12+00',
        '2026-03-06 14:05:09+00',
        '2026-03-06 09:35:09.5+05:30',
        '1883-11-18 12:00:00-04:56:02',
      ],
      [
        '2026-03-06T14:05:09.123456Z',
        '2026-03-06 14:05:09.1234567+00',
        '2026-03-06 14:05:09',
        '2026-02-30 14:05:09+00',
        '2026-03-06 14:05:09+16',
        '2026-03-06 14:05:09+05:60',
        'now',
      ],
    ],
    [
      'date',
      ['2026-03-06', '2000-02-29', '9999-12-31'],
      ['2026-3-6', '2026-02-29', '1900-02-29', '2026-00-10', '2026-06-31', '0000-01-01', 20260306],
    ],
    [
      'decimal',
      ['0', '12.50', '-3.2500', '1234567890123456789012345.000001'],
      ['', '1e3', '.5', '5.', '+1', 'NaN', 'Infinity', '1,5', 12.5],
    ],
    ['text', ['', 'SKU-1', '*', 'ünïcödé'], ['a\u0000b', 1, null]],
    [{ equals: 'dueAt' }, ['dueAt'], ['priority', 'dueat', '']],
  ])('a %p part', (part, accepted, refused) => {
    it.each(accepted)('accepts %p', (value) => {
      expect(decodeCursor(forged([value]), [part])).toEqual([value]);
    });

    it.each(refused)('refuses %p', (value) => {
      expectRefused(forged([value]), [part]);
    });
  });

  it('checks every part, not only the first', () => {
    expectRefused(forged([UUID, 'abc']), ['uuid', 'uuid']);
    expectRefused(forged(['2026-03-06', 1, 'x']), ['date', 'text', 'text']);
  });
});

describe('toPage', () => {
  it('trims the extra row and issues a cursor that decodes to the last row key', () => {
    const rows = [
      { at: '2026-03-06T14:05:09.000001Z', id: UUID },
      { at: '2026-03-06T14:05:09.000000Z', id: UUID },
    ];
    const page = toPage(
      rows,
      1,
      (row) => [row.at, row.id],
      (row) => row.id,
    );
    expect(page.items).toEqual([UUID]);
    expect(decodeCursor(page.nextCursor ?? undefined, ['timestamp', 'uuid'])).toEqual([
      rows[0].at,
      UUID,
    ]);
  });

  it('issues no cursor on the last page', () => {
    expect(
      toPage(
        [1],
        1,
        (row) => [row],
        (row) => row,
      ).nextCursor,
    ).toBeNull();
  });
});
