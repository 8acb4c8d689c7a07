import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';

export interface X12Delimiters {
  readonly element: string;
  readonly component: string;
  readonly segment: string;
}

export class X12Segment {
  constructor(
    readonly id: string,
    /** The segment split at the element separator: the id, then element 1, 2... */
    private readonly parts: readonly string[],
    /** 1-based position in the interchange. */
    readonly position: number,
    readonly line: number,
  ) {}

  /** Element n (1-based, as X12 numbers them: BPR02 is element(2)); '' when absent. */
  element(n: number): string {
    return n < 1 ? '' : (this.parts[n] ?? '').trim();
  }

  get size(): number {
    return this.parts.length - 1;
  }

  location(n?: number): RemittanceFileLocation {
    const base = { line: this.line, segment: this.position, record: this.id };
    return n === undefined ? base : { ...base, element: `${this.id}${String(n).padStart(2, '0')}` };
  }

  required(n: number, what: string): string {
    const value = this.element(n);
    if (value === '') {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.MISSING_ELEMENT,
        `${what} is required`,
        this.location(n),
      );
    }
    return value;
  }
}

export interface X12TransactionSet {
  readonly header: X12Segment;
  /** Between ST and SE, both excluded. */
  readonly body: readonly X12Segment[];
  readonly controlNumber: string;
}

export interface X12FunctionalGroup {
  readonly header: X12Segment;
  readonly controlNumber: string;
  readonly sets: readonly X12TransactionSet[];
}

export interface X12Interchange {
  readonly header: X12Segment;
  readonly controlNumber: string;
  readonly groups: readonly X12FunctionalGroup[];
}

export interface X12File {
  readonly delimiters: X12Delimiters;
  /** One or more interchanges, each ISA ... IEA. */
  readonly interchanges: readonly X12Interchange[];
}

/**
 * Reads X12 interchanges: delimiters from the first ISA header (element separator at
 * position 4, component separator ISA16, segment terminator after it; segments may also sit
 * one per line), then the ISA/GS/ST envelopes with every trailer checked: IEA01 groups and
 * IEA02 = ISA13, GE01 sets and GE02 = GS06, SE01 segments (ST to SE) and SE02 = ST02.
 */
export function readX12File(text: string): X12File {
  const source = text.trimStart();
  const delimiters = delimitersOf(source);
  const segments = splitSegments(source, delimiters, text.length - source.length, text);
  const cursor = new SegmentCursor(segments);
  const interchanges: X12Interchange[] = [];
  do {
    interchanges.push(readInterchange(cursor));
  } while (cursor.peek()?.id === 'ISA');
  const extra = cursor.peek();
  if (extra !== undefined) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.STRUCTURE,
      'segments after the interchange trailer (IEA)',
      extra.location(),
    );
  }
  return { delimiters, interchanges };
}

function readInterchange(cursor: SegmentCursor): X12Interchange {
  const isa = cursor.expect('ISA');
  if (isa.size < 16) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      `ISA has ${isa.size} elements; 16 are required`,
      isa.location(),
    );
  }
  const controlNumber = isa.required(13, 'the interchange control number');
  const groups: X12FunctionalGroup[] = [];
  while (cursor.peek()?.id === 'GS') groups.push(readGroup(cursor));
  const iea = cursor.expect('IEA');
  checkCount(iea, 1, groups.length, 'functional groups');
  checkControlNumber(iea, 2, controlNumber, 'ISA13');
  if (groups.length === 0) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MISSING_ELEMENT,
      'the interchange has no functional group (GS)',
      iea.location(),
    );
  }
  return { header: isa, controlNumber, groups };
}

function readGroup(cursor: SegmentCursor): X12FunctionalGroup {
  const gs = cursor.next();
  const controlNumber = gs.required(6, 'the group control number');
  const sets: X12TransactionSet[] = [];
  while (cursor.peek()?.id === 'ST') {
    const st = cursor.next();
    const setControl = st.required(2, 'the transaction set control number');
    const body: X12Segment[] = [];
    for (
      let next = cursor.peek();
      next !== undefined && !endsSetBody(next.id);
      next = cursor.peek()
    ) {
      body.push(cursor.next());
    }
    const se = cursor.expect('SE');
    checkCount(se, 1, body.length + 2, 'segments (ST to SE)');
    checkControlNumber(se, 2, setControl, 'ST02');
    sets.push({ header: st, body, controlNumber: setControl });
  }
  const ge = cursor.expect('GE');
  checkCount(ge, 1, sets.length, 'transaction sets');
  checkControlNumber(ge, 2, controlNumber, 'GS06');
  return { header: gs, controlNumber, sets };
}

function endsSetBody(id: string): boolean {
  return id === 'SE' || id === 'ST' || id === 'GE' || id === 'IEA';
}

function checkCount(segment: X12Segment, n: number, actual: number, what: string): void {
  const written = segment.required(n, `the number of ${what}`);
  if (!/^\d+$/.test(written)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${written}" is not a count`,
      segment.location(n),
    );
  }
  if (Number(written) !== actual) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.COUNT_MISMATCH,
      `declares ${written} ${what} but there are ${actual}`,
      segment.location(n),
    );
  }
}

function checkControlNumber(
  segment: X12Segment,
  n: number,
  expected: string,
  header: string,
): void {
  const written = segment.required(n, 'the control number');
  if (written.replace(/^0+/, '') !== expected.replace(/^0+/, '')) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.CONTROL_NUMBER_MISMATCH,
      `control number ${written} differs from ${header} ${expected}`,
      segment.location(n),
    );
  }
}

function delimitersOf(source: string): X12Delimiters {
  if (!source.startsWith('ISA') || source.length < 106) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      'an X12 interchange starts with a complete ISA segment',
      { line: 1, record: 'ISA' },
    );
  }
  const element = source[3];
  // ISA16 follows the 16th element separator; the segment terminator follows ISA16.
  let index = 0;
  for (let count = 0; count < 16; count += 1) {
    index = source.indexOf(element, index + 1);
    if (index === -1) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.MALFORMED,
        'the ISA segment has fewer than 16 elements',
        { line: 1, record: 'ISA' },
      );
    }
  }
  const component = source[index + 1];
  const segment = source[index + 2];
  if (
    component === undefined ||
    segment === undefined ||
    /[A-Za-z0-9 ]/.test(element + component + segment)
  ) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      'the ISA segment does not define usable delimiters',
      { line: 1, record: 'ISA', element: 'ISA16' },
    );
  }
  return { element, component, segment: segment === '\r' ? '\n' : segment };
}

function splitSegments(
  source: string,
  delimiters: X12Delimiters,
  offset: number,
  whole: string,
): X12Segment[] {
  const segments: X12Segment[] = [];
  let line = 1 + countNewlines(whole, 0, offset);
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf(delimiters.segment, start);
    if (end === -1) end = source.length;
    // The segment's text, trimmed as String#trim trims, without the intermediate strings.
    let first = start;
    while (first < end && isWhitespace(source.charCodeAt(first))) first += 1;
    let last = end;
    while (last > first && isWhitespace(source.charCodeAt(last - 1))) last -= 1;
    if (first < last) {
      const segmentLine = line + countNewlines(source, start, first);
      const parts = source.slice(first, last).split(delimiters.element);
      const id = parts[0];
      if (!isSegmentId(id)) {
        throw new RemittanceFileError(
          RemittanceFileErrorCode.MALFORMED,
          `"${id.slice(0, 10)}" is not a segment identifier`,
          {
            line: segmentLine,
            segment: segments.length + 1,
          },
        );
      }
      segments.push(new X12Segment(id, parts, segments.length + 1, segmentLine));
    }
    line += countNewlines(source, start, end + 1);
    start = end + delimiters.segment.length;
  }
  return segments;
}

/** /^[A-Z][A-Z0-9]{1,2}$/ */
function isSegmentId(id: string): boolean {
  if (id.length < 2 || id.length > 3) return false;
  for (let index = 0; index < id.length; index += 1) {
    const code = id.charCodeAt(index);
    const letter = code >= 65 && code <= 90;
    if (!letter && (index === 0 || code < 48 || code > 57)) return false;
  }
  return true;
}

/** What String#trim removes: ECMAScript WhiteSpace and LineTerminator, as /\s/ matches them. */
function isWhitespace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  const end = Math.min(to, text.length);
  for (let index = from; index < end; index += 1) {
    if (text.charCodeAt(index) === 10) count += 1;
  }
  return count;
}

class SegmentCursor {
  private position = 0;

  constructor(private readonly segments: readonly X12Segment[]) {}

  peek(): X12Segment | undefined {
    return this.segments[this.position];
  }

  next(): X12Segment {
    const segment = this.segments[this.position];
    this.position += 1;
    return segment;
  }

  expect(id: string): X12Segment {
    const segment = this.peek();
    if (segment?.id !== id) {
      const last = this.segments[this.segments.length - 1];
      throw new RemittanceFileError(
        segment === undefined
          ? RemittanceFileErrorCode.MISSING_ELEMENT
          : RemittanceFileErrorCode.STRUCTURE,
        segment === undefined
          ? `${id} segment expected, but the interchange ended`
          : `${id} segment expected, found ${segment.id}`,
        segment?.location() ?? { line: last?.line, record: id },
      );
    }
    return this.next();
  }
}
