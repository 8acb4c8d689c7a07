import { Check } from 'typeorm';
import { limitIdentifier, shortHash } from '../naming/identifier';

/**
 * Named CHECK constraints: `ck_<table>_<label>_<hash of the expression>`. The label makes a
 * violation readable; the hash makes an edited expression a new constraint, because the schema
 * builder compares checks by name only and would otherwise miss the change.
 */
export function CheckThat(table: string, label: string, expression: string): ClassDecorator {
  return Check(limitIdentifier(`ck_${table}_${label}_${shortHash(expression)}`), expression);
}

export function CheckIn(table: string, column: string, values: readonly string[]): ClassDecorator {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return CheckThat(table, column, `${column} IN (${list})`);
}

export function CheckCurrency(table: string, column = 'currency'): ClassDecorator {
  return CheckThat(table, column, `${column} ~ '^[A-Z]{3}$'`);
}

/** One CHECK asserting `column >= 0` for each column (NULLs pass, as in SQL). */
export function CheckNonNegative(table: string, ...columns: string[]): ClassDecorator {
  const decorators = columns.map((column) =>
    CheckThat(table, `${column}_non_negative`, `${column} >= 0`),
  );
  return (target) => decorators.forEach((decorate) => decorate(target));
}

export function CheckPositive(table: string, ...columns: string[]): ClassDecorator {
  const decorators = columns.map((column) =>
    CheckThat(table, `${column}_positive`, `${column} > 0`),
  );
  return (target) => decorators.forEach((decorate) => decorate(target));
}
