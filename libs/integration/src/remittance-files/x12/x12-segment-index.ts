import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';

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

/**
 * Where each segment of an interchange sits in its text: first and last character and line,
 * in typed arrays. The envelope is checked on this index, and a transaction set's segments
 * become X12Segment objects only while the set is read: a large file's hundreds of thousands
 * of segments are never all alive at once.
 */
export class X12SegmentIndex {
  private firsts: Int32Array;
  private ends: Int32Array;
  private lines: Int32Array;
  private idEnds: Int32Array;
  private size = 0;

  constructor(
    private readonly source: string,
    /** The element separator: one character (ISA's fourth). */
    private readonly element: string,
  ) {
    const capacity = Math.max(16, Math.ceil(source.length / 32));
    this.firsts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.idEnds = new Int32Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  /** Segment i (0-based) as an object; its position is i + 1. */
  segment(i: number): X12Segment {
    // As slice(first, end).split(element), without the intermediate string (twice as fast).
    const source = this.source;
    const separator = this.element.charCodeAt(0);
    const end = this.ends[i];
    const parts: string[] = [];
    let from = this.firsts[i];
    for (let at = from; at < end; at += 1) {
      if (source.charCodeAt(at) === separator) {
        parts.push(source.slice(from, at));
        from = at + 1;
      }
    }
    parts.push(source.slice(from, end));
    return new X12Segment(parts[0], parts, i + 1, this.lines[i]);
  }

  /** Segments from (included) to (excluded), 0-based. */
  segments(from: number, to: number): X12Segment[] {
    const segments: X12Segment[] = [];
    for (let i = from; i < to; i += 1) segments.push(this.segment(i));
    return segments;
  }

  line(i: number): number {
    return this.lines[i];
  }

  /** Whether segment i exists and its id is `id`. */
  idIs(i: number, id: string): boolean {
    if (i >= this.size) return false;
    const first = this.firsts[i];
    if (this.idEnds[i] - first !== id.length) return false;
    for (let k = 0; k < id.length; k += 1) {
      if (this.source.charCodeAt(first + k) !== id.charCodeAt(k)) return false;
    }
    return true;
  }

  add(first: number, end: number, idEnd: number, line: number): void {
    if (this.size === this.firsts.length) {
      this.firsts = grown(this.firsts);
      this.ends = grown(this.ends);
      this.lines = grown(this.lines);
      this.idEnds = grown(this.idEnds);
    }
    this.firsts[this.size] = first;
    this.ends[this.size] = end;
    this.idEnds[this.size] = idEnd;
    this.lines[this.size] = line;
    this.size += 1;
  }
}

function grown(array: Int32Array): Int32Array {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}

/**
 * The segments of `source` (segment terminator and element separator given), each trimmed
 * as String#trim trims and blank ones skipped, with the line each starts on; a segment whose
 * id is not 2-3 capitals and digits is refused. `offset` characters of `whole` precede it.
 */
export function indexSegments(
  source: string,
  terminator: string,
  element: string,
  offset: number,
  whole: string,
): X12SegmentIndex {
  const index = new X12SegmentIndex(source, element);
  const separator = element.charCodeAt(0);
  let line = 1 + countNewlines(whole, 0, offset);
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf(terminator, start);
    if (end === -1) end = source.length;
    let first = start;
    while (first < end && isWhitespace(source.charCodeAt(first))) first += 1;
    let last = end;
    while (last > first && isWhitespace(source.charCodeAt(last - 1))) last -= 1;
    if (first < last) {
      const segmentLine = line + countNewlines(source, start, first);
      // Searched up to the segment's end only: indexOf could run to a far separator each time.
      let idEnd = first;
      while (idEnd < last && source.charCodeAt(idEnd) !== separator) idEnd += 1;
      if (!isSegmentId(source, first, idEnd)) {
        throw new RemittanceFileError(
          RemittanceFileErrorCode.MALFORMED,
          `"${source.slice(first, idEnd).slice(0, 10)}" is not a segment identifier`,
          {
            line: segmentLine,
            segment: index.count + 1,
          },
        );
      }
      index.add(first, last, idEnd, segmentLine);
    }
    line += countNewlines(source, start, end + 1);
    start = end + terminator.length;
  }
  return index;
}

/** /^[A-Z][A-Z0-9]{1,2}$/ on source[from, to) */
function isSegmentId(source: string, from: number, to: number): boolean {
  if (to - from < 2 || to - from > 3) return false;
  for (let index = from; index < to; index += 1) {
    const code = source.charCodeAt(index);
    const letter = code >= 65 && code <= 90;
    if (!letter && (index === from || code < 48 || code > 57)) return false;
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
