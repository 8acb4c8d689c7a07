import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from '../remittance-file.error';

const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;
const TEXT = '#text';
const ATTRIBUTE = '@_';

type RawNode = string | { readonly [key: string]: unknown };

/** Finds the line of a character offset in the document. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      this.starts.push(index + 1);
    }
  }

  lineOf(offset: number): number {
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/**
 * A read-only view of one XML element: children by name (always lists, since ISO 20022
 * repeats most of them), trimmed text, attributes, and where it is (XML path with 1-based
 * positions, and line) so every error can point at the element that failed.
 */
export class XmlElement {
  constructor(
    readonly name: string,
    readonly path: string,
    private readonly raw: RawNode,
    private readonly lines: LineIndex,
    private readonly parentLine: number | undefined,
  ) {}

  get line(): number | undefined {
    if (typeof this.raw === 'string') return this.parentLine;
    const meta = (this.raw as Record<symbol, { startIndex?: number } | undefined>)[METADATA];
    return meta?.startIndex === undefined ? this.parentLine : this.lines.lineOf(meta.startIndex);
  }

  get location(): RemittanceFileLocation {
    const line = this.line;
    return line === undefined ? { path: this.path } : { path: this.path, line };
  }

  /** Location of a child that may not exist, for "missing" errors. */
  locationOf(name: string): RemittanceFileLocation {
    return { ...this.location, path: `${this.path}/${name}` };
  }

  children(name: string): XmlElement[] {
    if (typeof this.raw === 'string') return [];
    const list = this.raw[name];
    if (!Array.isArray(list)) return [];
    return list.map(
      (item, index) =>
        new XmlElement(
          name,
          `${this.path}/${name}[${index + 1}]`,
          item as RawNode,
          this.lines,
          this.line,
        ),
    );
  }

  child(name: string): XmlElement | undefined {
    return this.children(name)[0];
  }

  /** Follows a path of child names: 'RltdPties/Dbtr/Nm'. */
  find(path: string): XmlElement | undefined {
    const [first, ...rest] = path.split('/');
    let current = this.child(first);
    for (const name of rest) {
      current = current?.child(name);
      if (current === undefined) return undefined;
    }
    return current;
  }

  required(name: string): XmlElement {
    const found = this.child(name);
    if (found === undefined) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.MISSING_ELEMENT,
        `<${name}> is required in <${this.name}>`,
        this.locationOf(name),
      );
    }
    return found;
  }

  get text(): string {
    if (typeof this.raw === 'string') return this.raw.trim();
    const text = this.raw[TEXT];
    return typeof text === 'string' || typeof text === 'number' ? String(text).trim() : '';
  }

  /** Text of a descendant, or undefined when absent or empty. */
  textOf(path: string): string | undefined {
    const text = this.find(path)?.text;
    return text === undefined || text === '' ? undefined : text;
  }

  requiredText(path: string): string {
    const text = this.textOf(path);
    if (text === undefined) {
      throw new RemittanceFileError(
        RemittanceFileErrorCode.MISSING_ELEMENT,
        `<${path}> is required in <${this.name}>`,
        this.locationOf(path),
      );
    }
    return text;
  }

  attribute(name: string): string | undefined {
    if (typeof this.raw === 'string') return undefined;
    const value = this.raw[`${ATTRIBUTE}${name}`];
    return typeof value === 'string' ? value : undefined;
  }
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** The root element's namespace (default or prefixed), e.g. urn:iso:std:iso:20022:tech:xsd:camt.054.001.08. */
  readonly namespace: string | null;
}

/**
 * Parses an XML document strictly: not well-formed is MALFORMED with line and column; a
 * DOCTYPE is refused outright (bank files never carry one, and entity expansion is an attack
 * surface); namespace prefixes are dropped so `<ns2:Ntry>` reads as `Ntry`.
 */
export function parseXmlDocument(text: string): XmlDocument {
  if (/<!DOCTYPE/i.test(text)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      'DOCTYPE declarations are not accepted',
      { line: new LineIndex(text).lineOf(text.search(/<!DOCTYPE/i)) },
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      `XML is not well-formed: ${valid.err.msg} (column ${valid.err.col})`,
      { line: valid.err.line },
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  });
  const parsed = parser.parse(text) as Record<string, unknown>;
  const lines = new LineIndex(text);
  const rootName = Object.keys(parsed).find((key) => !key.startsWith('?'));
  const rootList = rootName === undefined ? undefined : parsed[rootName];
  if (rootName === undefined || !Array.isArray(rootList) || rootList.length !== 1) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MALFORMED,
      'XML has no single root element',
      {
        line: 1,
      },
    );
  }
  const root = new XmlElement(rootName, `/${rootName}`, rootList[0] as RawNode, lines, 1);
  return { root, namespace: rootNamespace(text) };
}

function rootNamespace(text: string): string | null {
  const start = /<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)\b([^>]*)>/g;
  for (let match = start.exec(text); match !== null; match = start.exec(text)) {
    if (match[0].startsWith('<?') || match[0].startsWith('<!')) continue;
    const prefix = match[1];
    const attributes = match[3];
    const pattern =
      prefix === undefined
        ? /\sxmlns\s*=\s*["']([^"']+)["']/
        : new RegExp(`\\sxmlns:${prefix}\\s*=\\s*["']([^"']+)["']`);
    return pattern.exec(attributes)?.[1] ?? null;
  }
  return null;
}
