import { RemittanceFileError } from '../remittance-file.error';
import { indexSegments } from './x12-segment-index';

/** The segments as first read: each piece trimmed, blank ones skipped, split at '*'. */
function referenceSegments(text: string): { parts: string[]; line: number }[] {
  const segments: { parts: string[]; line: number }[] = [];
  let line = 1;
  for (const raw of text.split('~')) {
    const leading = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (content !== '') {
      segments.push({
        parts: content.split('*'),
        line: line + raw.slice(0, leading).split('\n').length - 1,
      });
    }
    line += raw.split('\n').length - 1;
  }
  return segments;
}

describe('indexSegments', () => {
  it.each([
    ['one per line', 'ST*820*0001~\nBPR*C*12.50*C~\nRMR*IV*INV-1**12.50~\n'],
    ['all on one line, trailing separators', 'ST*820~N1*PR*~N2~REF**X~~  ~SE*5*0001*~'],
    [
      'blank lines, CR LF and odd spaces',
      '\r\n\r\nST*820 ~\r\n\u00a0N1* PR\t~\n\n\u2028 NTE**a b c \n~',
    ],
    ['no terminator after the last segment', 'ST*820*1~SE*2*1'],
  ])('splits %s as String#split and #trim do', (_name, text) => {
    const index = indexSegments(text, '~', '*', 0, text);
    const expected = referenceSegments(text);
    expect(index.count).toBe(expected.length);
    expected.forEach(({ parts, line }, i) => {
      const segment = index.segment(i);
      expect({
        id: segment.id,
        size: segment.size,
        line: segment.line,
        position: segment.position,
      }).toEqual({
        id: parts[0],
        size: parts.length - 1,
        line,
        position: i + 1,
      });
      parts.forEach((part, n) => {
        if (n > 0) expect(segment.element(n)).toBe(part.trim());
      });
      expect(index.idIs(i, parts[0])).toBe(true);
    });
  });

  it('refuses a segment id that is not 2-3 capitals and digits, naming its line', () => {
    const text = 'ST*820~\n\nbpr*C~';
    expect(() => indexSegments(text, '~', '*', 0, text)).toThrow(
      expect.objectContaining({
        constructor: RemittanceFileError,
        code: 'REMITTANCE_FILE.MALFORMED',
        message: 'line 3, segment 2: "bpr" is not a segment identifier',
        location: { line: 3, segment: 2 },
      }),
    );
  });

  it('stays linear on many segments without an element separator', () => {
    const text = `ST*820~${'AB~'.repeat(200_000)}SE*1~`;
    const started = Date.now();
    const index = indexSegments(text, '~', '*', 0, text);
    expect(index.count).toBe(200_002);
    expect(index.segment(100_000).size).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
