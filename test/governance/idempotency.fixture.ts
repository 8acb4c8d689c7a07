import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '@o2c/governance';
import { Client } from 'pg';
import type { TestGateway } from '../support/test-gateway';

export interface IdempotencyRow {
  consumerId: string;
  operationId: string;
  key: string;
  status: string;
  responseStatus: number | null;
  requestPath: string;
}

/** A fresh Idempotency-Key, as a client would make one. */
export function newKey(): string {
  return randomUUID();
}

/**
 * An internal administrator of its own: each test posts as another consumer, so keys and
 * rate-limit budgets of one test never meet another's.
 */
export function administrator(gateway: TestGateway, subject = `idem-${newKey()}`): TokenRequest {
  return {
    subject,
    kind: 'internal',
    roles: ['admin'],
    scopes: [...gateway.contracts.governance.scopes.keys()],
  };
}

/** Direct access to a suite's database: what the requests left behind, and crash simulations. */
export class IdempotencyDatabase {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<IdempotencyDatabase> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new IdempotencyDatabase(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  async query<T extends object>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const { rows } = await this.client.query<T>(sql, parameters);
    return rows;
  }

  async count(table: string, where = 'TRUE', parameters: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${table} WHERE ${where}`,
      parameters,
    );
    return Number(row?.n);
  }

  records(key: string): Promise<IdempotencyRow[]> {
    return this.query<IdempotencyRow>(
      `SELECT consumer_id AS "consumerId", operation_id AS "operationId", key, status,
              response_status AS "responseStatus", request_path AS "requestPath"
         FROM idempotency_records WHERE key = $1 ORDER BY created_at, consumer_id`,
      [key],
    );
  }

  /** As if another process held the key: in progress, locked `secondsAgo` seconds ago. */
  async holdInProgress(key: string, secondsAgo: number): Promise<void> {
    await this.client.query(
      `UPDATE idempotency_records
          SET status = 'in_progress', response_status = NULL, response_body = NULL,
              response_headers = NULL, locked_at = now() - make_interval(secs => $2)
        WHERE key = $1`,
      [key, secondsAgo],
    );
  }

  async expire(key: string): Promise<void> {
    await this.client.query(
      `UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
  }

  /** Removes a customer the API created, as if its transaction had never committed. */
  async forgetCustomer(id: string): Promise<void> {
    await this.client.query('DELETE FROM customers WHERE id = $1', [id]);
  }
}
