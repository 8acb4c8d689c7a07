import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type PreparedStatement, preparedStatement, queryPrepared } from './prepared-statement';

/**
 * One data-modifying statement (INSERT, UPDATE or DELETE, not itself a WITH query) waiting to
 * run in a batch. Its SQL numbers its own parameters from $1 and holds no other `$` (no dollar
 * quoting, no `$` in literals): the batch renumbers them. One text always takes the same
 * number of values (batches are built once per combination of texts).
 */
export interface BatchedStatement {
  readonly text: string;
  readonly values: unknown[];
  /**
   * Receives the RETURNING rows, as JSON (numbers, strings, booleans, objects; timestamps as
   * ISO text): give numeric and bigint columns `::text` in RETURNING. Only with RETURNING.
   */
  readonly settle?: (rows: Record<string, unknown>[]) => void | Promise<void>;
}

/**
 * Statements collected during a command and sent as one, `WITH s0 AS (...), s1 AS (...)
 * SELECT ...`: one round trip, one parse (prepared per combination) for many tables. Writes:
 * all parts see one snapshot and their constraints are checked when the statement ends, so
 * parts must not touch the same rows; inserts of related new rows (an order and its lines) are
 * fine. Reads (see read()): the parts' results come back as JSON, and they see the rows as of
 * the statement's start, like any one statement.
 */
export class StatementBatch {
  private pending: BatchedStatement[] = [];

  constructor(private readonly manager: EntityManager) {}

  add(statement: BatchedStatement): void {
    this.pending.push(statement);
  }

  /** A SELECT (not locking) as a part: its rows (`Row`: their JSON shape), mapped, once the
   *  batch has run. */
  read<Row, T>(text: string, values: unknown[], map: (rows: Row[]) => T): () => T {
    let result: { value: T } | undefined;
    const settle = (rows: unknown[]) => void (result = { value: map(rows as Row[]) });
    this.add({ text, values, settle });
    return () => {
      if (!result) throw new Error('a batched read was used before its batch ran');
      return result.value;
    };
  }

  /** Runs what was added (nothing when nothing was) and hands each part its rows. */
  async flush(): Promise<void> {
    const statements = this.pending;
    if (statements.length === 0) return;
    this.pending = [];
    const [row] = await queryPrepared<Record<string, Record<string, unknown>[] | null>>(
      this.manager,
      combined(statements),
      statements.flatMap((statement) => statement.values),
    );
    for (const [index, statement] of statements.entries()) {
      await statement.settle?.(row?.[`s${index}`] ?? []);
    }
  }
}

/** Each distinct statement text, numbered: a combination is named by its parts' numbers. */
const textNumbers = new Map<string, number>();
const combinations = new Map<string, PreparedStatement>();

/** The one statement for these parts, built and named once per combination. */
function combined(statements: BatchedStatement[]): PreparedStatement {
  const key = statements
    .map((statement) => {
      let number = textNumbers.get(statement.text);
      if (number === undefined) {
        number = textNumbers.size;
        textNumbers.set(statement.text, number);
      }
      return `${number}${statement.settle ? 'r' : ''}`;
    })
    .join(',');
  let prepared = combinations.get(key);
  if (!prepared) {
    const text = combine(statements);
    const name = `batch-${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
    prepared = preparedStatement(name, text);
    combinations.set(key, prepared);
  }
  return prepared;
}

function combine(statements: BatchedStatement[]): string {
  let offset = 0;
  const parts = statements.map((statement, index) => {
    const shift = offset;
    offset += statement.values.length;
    const text = statement.text.replace(/\$(\d+)/g, (_, number: string) => {
      return `$${Number(number) + shift}`;
    });
    return `s${index} AS (${text})`;
  });
  const outputs = statements.flatMap((statement, index) =>
    statement.settle ? [`(SELECT json_agg(s${index}) FROM s${index}) AS s${index}`] : [],
  );
  return `WITH ${parts.join(',\n')}\nSELECT ${outputs.length > 0 ? outputs.join(', ') : 'NULL'}`;
}
