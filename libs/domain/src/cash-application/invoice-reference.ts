/**
 * How payers write our invoice numbers, and how to read them back. 'INV-00001234' arrives as
 * 'inv 1234', '00001234', 'Invoice No. 1234', 'INV-0000I234' (OCR) or 'INV-00001243' (typo).
 * Normalising (case, separators, leading zeros, a missing or spelled-out prefix) is not
 * guessing, so it still counts as an exact match; OCR repairs and edit distance are fuzzy.
 */
import { boundedEditDistance } from './damerau-levenshtein';

/** Words payers put in front of an invoice number; a number after any other word (PO, order) is not ours. */
const INVOICE_WORDS = new Set([
  '',
  'INV',
  'INVOICE',
  'INVNO',
  'INVNR',
  'INVOICENO',
  'INVOICENR',
  'INVOICENUMBER',
  'IN',
  'NO',
  'NR',
  'NUM',
  'NUMBER',
  'REF',
  'RE',
]);

/** Letters OCR and hurried typists put where digits belong. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};
/** And digits OCR puts where letters belong, to repair a prefix such as '1NV'. */
const LETTER_LOOKALIKES: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '5': 'S',
  '8': 'B',
  '2': 'Z',
};

/** Upper case, letters and digits only: 'inv-0000 1234' -> 'INV00001234'. */
export function compactReference(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Leading zeros of every digit run dropped: 'INV00001234' -> 'INV1234', '000' -> '0'. */
function withoutLeadingZeros(compact: string): string {
  return compact.replace(/(^|[A-Z])0+(?=\d)/g, '$1');
}

/** The keys an invoice number is found by. */
export interface InvoiceNumberKeys {
  /** 'INV-00001234' -> 'INV1234'. */
  readonly exact: string;
  /** The number without its prefix, 'INV-00001234' -> '1234'; null when not prefix + digits. */
  readonly digits: string | null;
}

/**
 * One pass over the characters (no regular expressions): every open invoice of a batch goes
 * through here, a million of them for a large one.
 */
export function invoiceNumberKeys(invoiceNumber: string): InvoiceNumberKeys {
  return prefixedNumberKeys(invoiceNumber) ?? scannedKeys(invoiceNumber);
}

/**
 * The keys of the usual shape, upper-case letters, separators, digits ('INV-00001234'), from
 * two slices of the text; null for any other shape. The same keys as scannedKeys, without a
 * string built character by character.
 */
function prefixedNumberKeys(invoiceNumber: string): InvoiceNumberKeys | null {
  const length = invoiceNumber.length;
  let index = 0;
  while (index < length && isUpperCaseLetter(invoiceNumber.charCodeAt(index))) index += 1;
  const prefixEnd = index;
  while (index < length && !isAlphanumeric(invoiceNumber.charCodeAt(index))) index += 1;
  if (index === length) return null;
  let significant = -1;
  for (; index < length; index += 1) {
    const code = invoiceNumber.charCodeAt(index);
    if (code < 48 || code > 57) return null;
    if (significant === -1 && code !== 48) significant = index;
  }
  const digits = significant === -1 ? '0' : invoiceNumber.slice(significant);
  return { exact: invoiceNumber.slice(0, prefixEnd) + digits, digits };
}

function isUpperCaseLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isAlphanumeric(code: number): boolean {
  const lower = code | 32;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122);
}

/** The keys of any invoice number, character by character. */
export function scannedKeys(invoiceNumber: string): InvoiceNumberKeys {
  let exact = '';
  let digits = '';
  let lettersOnlyBefore = true; // prefix letters, then one run of digits, nothing else
  let seenDigit = false;
  let inZeros = false; // inside leading zeros of a digit run
  for (let index = 0; index < invoiceNumber.length; index += 1) {
    let code = invoiceNumber.charCodeAt(index);
    if (code >= 97 && code <= 122) code -= 32; // a-z -> A-Z
    const isDigit = code >= 48 && code <= 57;
    const isLetter = code >= 65 && code <= 90;
    if (!isDigit && !isLetter) continue;
    const char = String.fromCharCode(code);
    if (isLetter) {
      if (seenDigit) lettersOnlyBefore = false;
      if (inZeros) exact += '0'; // a run of zeros only, e.g. 'A00B': keep one zero
      inZeros = false;
      exact += char;
      continue;
    }
    const runStart =
      index === 0 || !isDigitAt(invoiceNumber, previousAlphanumeric(invoiceNumber, index));
    if (runStart) {
      if (seenDigit) lettersOnlyBefore = false;
      inZeros = true;
      digits = '';
    }
    seenDigit = true;
    if (inZeros && char === '0') continue;
    inZeros = false;
    exact += char;
    digits += char;
  }
  if (inZeros) {
    exact += '0';
    digits = '0';
  }
  return { exact, digits: seenDigit && lettersOnlyBefore ? digits : null };
}

function previousAlphanumeric(text: string, index: number): number {
  for (let at = index - 1; at >= 0; at -= 1) {
    const code = text.charCodeAt(at) | 32;
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122)) return at;
  }
  return -1;
}

function isDigitAt(text: string, index: number): boolean {
  if (index < 0) return false;
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/** How a written reference was read. */
export interface ReadReference {
  readonly written: string;
  /** For exact lookup against InvoiceNumberKeys.exact. */
  readonly exact: string;
  /** Present only after an invoice word or no word at all ('PO 1234' has none). */
  readonly digits: string | null;
  /** The digits after repairing OCR lookalikes, when that changed anything. */
  readonly ocrDigits: string | null;
}

/** Reads a reference; null when it holds nothing that could be an invoice number. */
export function readReference(written: string): ReadReference | null {
  const compact = compactReference(written);
  if (compact === '') return null;
  const parts = /^([A-Z]*)(\d+)$/.exec(compact);
  const digits = parts !== null && INVOICE_WORDS.has(parts[1]) ? stripZeros(parts[2]) : null;
  const ocr = repairOcr(written);
  const ocrDigits = ocr !== null && ocr !== digits ? ocr : null;
  if (!/\d/.test(compact) && ocrDigits === null) return null;
  return { written, exact: withoutLeadingZeros(compact), digits, ocrDigits };
}

/**
 * The number hidden in an OCR-damaged reference: the part after the last separator (or the
 * longest tail of digits and lookalikes) with lookalikes turned into digits, provided the
 * prefix still reads as an invoice word and at least two real digits remain.
 */
function repairOcr(written: string): string | null {
  const upper = written.toUpperCase().trim();
  const pieces = upper.split(/[^A-Z0-9]+/).filter((piece) => piece !== '');
  if (pieces.length === 0) return null;
  let tail = pieces[pieces.length - 1];
  let prefix = pieces.slice(0, -1).join('');
  if (pieces.length === 1 || !/^[0-9A-Z]+$/.test(tail)) {
    const match = /^(.*?)([0-9OQDILZSGB]*\d[0-9OQDILZSGB]*)$/.exec(upper.replace(/[^A-Z0-9]/g, ''));
    if (match === null) return null;
    [prefix, tail] = [match[1], match[2]];
    // A tail may not start with a lookalike swallowed from a word ('INVOICENO1234').
    while (tail.length > 0 && !/\d/.test(tail[0]) && prefix.length > 0) {
      prefix += tail[0];
      tail = tail.slice(1);
    }
  }
  if (!/^[0-9OQDILZSGB]+$/.test(tail) || (tail.match(/\d/g)?.length ?? 0) < 2) return null;
  const repairedPrefix = prefix.replace(/[0-9]/g, (digit) => LETTER_LOOKALIKES[digit] ?? digit);
  if (!readsAsInvoiceWord(repairedPrefix)) return null;
  const digits = tail.replace(/[A-Z]/g, (letter) => DIGIT_LOOKALIKES[letter] ?? letter);
  return stripZeros(digits);
}

/** An invoice word, or one damaged by a single character ('LNV', 'INY', 'IVN'). */
function readsAsInvoiceWord(prefix: string): boolean {
  if (INVOICE_WORDS.has(prefix)) return true;
  if (prefix.length < 3) return false;
  for (const word of INVOICE_WORDS) {
    if (word.length >= 3 && boundedEditDistance(prefix, word, 1) <= 1) return true;
  }
  return false;
}

function stripZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

const INVOICE_WORD_TOKENS = /^(INV(OICE)?S?|NO|NR|NUM(BER)?|#)[.:#]?$/;
const DATE_LIKE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/;
const AMOUNT_LIKE = /^\d+[.,]\d{2}$/;
const MAX_TOKENS = 50;

/**
 * Candidate invoice references in free text: 'Pmt inv 1234/1235, INV-00001236 and 12.50' ->
 * ['INV 1234', '1235', 'INV-00001236']. Words that only say "invoice" join the next word;
 * lists split on '/', '+', '&' and commas; dates and amounts are left out.
 */
export function referencesInText(text: string): string[] {
  const words = text
    .toUpperCase()
    .split(/[\s,;()[\]"'/+&]+/)
    .filter((word) => word !== '');
  const tokens: string[] = [];
  let pendingWord: string | null = null;
  for (const word of words) {
    if (INVOICE_WORD_TOKENS.test(word)) {
      pendingWord = pendingWord === null ? word : `${pendingWord} ${word}`;
      continue;
    }
    const candidate = pendingWord === null ? word : `${pendingWord} ${word}`;
    pendingWord = null;
    if (DATE_LIKE.test(word) || AMOUNT_LIKE.test(word)) continue;
    if (!looksLikeNumber(word)) continue;
    tokens.push(candidate);
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

function looksLikeNumber(word: string): boolean {
  const digits = word.match(/\d/g)?.length ?? 0;
  if (digits >= 3) return true;
  const lookalikes = word.match(/[OQDILZSGB]/g)?.length ?? 0;
  return digits >= 2 && digits + lookalikes >= 4;
}
