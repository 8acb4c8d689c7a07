import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { indexSegments, type X12Segment, type X12SegmentIndex } from './x12-segment-index';

export { X12Segment } from './x12-segment-index';

export interface X12Delimiters {
  readonly element: string;
  readonly component: string;
  readonly segment: string;
}

export class X12TransactionSet {
  constructor(
    readonly header: X12Segment,
    readonly controlNumber: string,
    private readonly index: X12SegmentIndex,
    /** 0-based index of the first body segment, and of the SE trailer. */
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** The segments between ST and SE, both excluded; built anew on each call. */
  body(): X12Segment[] {
    return this.index.segments(this.from, this.to);
  }
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
  const segments = indexSegments(
    source,
    delimiters.segment,
    delimiters.element,
    text.length - source.length,
    text,
  );
  const cursor = new SegmentCursor(segments);
  const interchanges: X12Interchange[] = [];
  do {
    interchanges.push(readInterchange(cursor));
  } while (cursor.is('ISA'));
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
  while (cursor.is('GS')) groups.push(readGroup(cursor));
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
  while (cursor.is('ST')) {
    const st = cursor.next();
    const setControl = st.required(2, 'the transaction set control number');
    const from = cursor.position;
    while (cursor.hasNext() && !endsSetBody(cursor)) cursor.skip();
    const to = cursor.position;
    const se = cursor.expect('SE');
    checkCount(se, 1, to - from + 2, 'segments (ST to SE)');
    checkControlNumber(se, 2, setControl, 'ST02');
    sets.push(new X12TransactionSet(st, setControl, cursor.segments, from, to));
  }
  const ge = cursor.expect('GE');
  checkCount(ge, 1, sets.length, 'transaction sets');
  checkControlNumber(ge, 2, controlNumber, 'GS06');
  return { header: gs, controlNumber, sets };
}

function endsSetBody(cursor: SegmentCursor): boolean {
  return cursor.is('SE') || cursor.is('ST') || cursor.is('GE') || cursor.is('IEA');
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

class SegmentCursor {
  position = 0;

  constructor(readonly segments: X12SegmentIndex) {}

  hasNext(): boolean {
    return this.position < this.segments.count;
  }

  is(id: string): boolean {
    return this.segments.idIs(this.position, id);
  }

  peek(): X12Segment | undefined {
    return this.hasNext() ? this.segments.segment(this.position) : undefined;
  }

  skip(): void {
    this.position += 1;
  }

  next(): X12Segment {
    const segment = this.segments.segment(this.position);
    this.position += 1;
    return segment;
  }

  expect(id: string): X12Segment {
    if (!this.is(id)) {
      const segment = this.peek();
      const count = this.segments.count;
      throw new RemittanceFileError(
        segment === undefined
          ? RemittanceFileErrorCode.MISSING_ELEMENT
          : RemittanceFileErrorCode.STRUCTURE,
        segment === undefined
          ? `${id} segment expected, but the interchange ended`
          : `${id} segment expected, found ${segment.id}`,
        segment?.location() ?? {
          line: count === 0 ? undefined : this.segments.line(count - 1),
          record: id,
        },
      );
    }
    return this.next();
  }
}
