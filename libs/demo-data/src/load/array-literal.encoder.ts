/**
 * PostgreSQL array literals ('{a,b,"c d"}') built by hand for the unnest() parameters.
 * node-pg would escape every element with two regexes; values known to be safe (uuids,
 * numbers, dates, booleans) skip quoting entirely, which matters at a million values.
 */

export type CellValue = string | number | boolean | null | readonly string[] | object;

export type ColumnType =
  'uuid' | 'text' | 'numeric' | 'integer' | 'boolean' | 'date' | 'jsonb' | 'text[]';

const NEEDS_ESCAPE = /["\\]/g;

export function quoteElement(text: string): string {
  return `"${text.replace(NEEDS_ESCAPE, '\\$&')}"`;
}

/** A text[] value written as one element of a text[] parameter: its own literal, quoted. */
function nestedTextArray(values: readonly string[]): string {
  return `{${values.map(quoteElement).join(',')}}`;
}

function scalar(value: CellValue, type: ColumnType): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new TypeError(`${type} column given a ${typeof value} value`);
}

function encodeElement(value: CellValue, type: ColumnType): string {
  if (value === null) return 'NULL';
  switch (type) {
    case 'uuid':
    case 'numeric':
    case 'integer':
    case 'date':
      // Produced by the generator from digits, hex and dashes only; nothing to escape.
      return scalar(value, type);
    case 'boolean':
      return value === true ? 't' : 'f';
    case 'text':
      return quoteElement(scalar(value, type));
    case 'jsonb':
      return quoteElement(JSON.stringify(value));
    case 'text[]':
      if (!Array.isArray(value)) throw new TypeError('text[] column given a non-array value');
      return quoteElement(nestedTextArray(value as readonly string[]));
  }
}

export function encodeArray(values: readonly CellValue[], type: ColumnType): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) literal += ',';
    literal += encodeElement(values[i], type);
  }
  return `${literal}}`;
}

/** The type each unnest() parameter is declared as; jsonb and text[] travel as text. */
export function parameterType(type: ColumnType): string {
  switch (type) {
    case 'jsonb':
    case 'text[]':
    case 'text':
      return 'text[]';
    case 'integer':
      return 'int4[]';
    case 'boolean':
      return 'bool[]';
    case 'uuid':
    case 'numeric':
    case 'date':
      return `${type}[]`;
  }
}

/** The select-list expression turning an unnested column into the table column's type. */
export function castExpression(column: string, type: ColumnType): string {
  const quoted = `"${column}"`;
  if (type === 'jsonb') return `${quoted}::jsonb`;
  if (type === 'text[]') return `${quoted}::text[]`;
  return quoted;
}
