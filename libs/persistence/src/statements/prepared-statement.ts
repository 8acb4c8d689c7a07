import type { PoolClient } from 'pg';
import { type EntityManager, QueryFailedError } from 'typeorm';

/** SQL the server parses and plans once per connection, then only binds and executes. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const registered = new Map<string, string>();

/**
 * Declares a statement of a hot path as prepared (`name` unique in the process; one text per
 * name, checked here at load time). On this schema's hot statements, parsing and planning cost
 * more server time than executing: a prepared statement pays them once per pooled connection.
 * Needs direct connections (a transaction-pooling proxy would lose the statements).
 */
export function preparedStatement(name: string, text: string): PreparedStatement {
  const known = registered.get(name);
  if (known !== undefined && known !== text) {
    throw new Error(`prepared statement ${name} is declared twice with different SQL`);
  }
  registered.set(name, text);
  return { name: `o2c_${name}`, text };
}

/**
 * Runs a prepared statement on the transaction's connection (`manager` of a transaction);
 * outside a transaction it runs as a plain statement. Failures surface as TypeORM's
 * QueryFailedError, like every other query, for the error mappers.
 */
export async function queryPrepared<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return manager.query<T[]>(statement.text, values);
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await client.query({ name: statement.name, text: statement.text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(statement.text, values, error as Error);
  }
}
