import type { TokenRequest } from '@o2c/governance';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ReceivablesFactory } from '../factories/receivables.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const DISPUTES = '/process/v1/disputes';
export const COLLECTIONS = '/process/v1/collections';
export const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';
export type Body = Record<string, unknown>;
type Agent = ReturnType<TestGateway['http']>;

const DISPUTE_SCOPES = ['disputes:read', 'disputes:raise', 'disputes:write', 'tasks:read'];
const COLLECTION_SCOPES = ['collections:read', 'collections:write'];

/** Internal staff with the given roles and the receivables scopes. */
export function staff(subject: string, ...roles: string[]): TokenRequest {
  return {
    subject,
    kind: 'internal',
    roles,
    scopes: [...DISPUTE_SCOPES, ...COLLECTION_SCOPES],
  };
}

/** A customer user of one account, with the scopes governance.yaml gives customer users. */
export function customerUser(customerId: string, subject = `buyer-${customerId.slice(0, 8)}`) {
  return {
    subject,
    kind: 'customer_user',
    scopes: ['disputes:read', 'disputes:raise', 'invoices:read'],
    customerIds: [customerId],
  } satisfies TokenRequest;
}

/** A partner client bound to accounts, with the dispute scopes a partner may hold. */
export function partner(customerIds: string[], subject = 'edi-gateway') {
  return {
    subject,
    kind: 'partner_client',
    scopes: ['disputes:read', 'disputes:raise'],
    customerIds,
  } satisfies TokenRequest;
}

/**
 * The receivables API over HTTP for the e2e suites: every response goes through
 * expectContract; `sql` reads what a command left behind (events, outbox, balances).
 */
export class ReceivablesClient {
  readonly factory: ReceivablesFactory;

  private constructor(
    readonly gateway: TestGateway,
    private readonly database: Client,
  ) {
    this.factory = new ReceivablesFactory(gateway.app.get(DataSource));
  }

  static async start(): Promise<ReceivablesClient> {
    const gateway = await startTestGateway();
    const database = new Client({ connectionString: gateway.database.url });
    await database.connect();
    return new ReceivablesClient(gateway, database);
  }

  async close(): Promise<void> {
    await this.database.end();
    await this.gateway.close();
  }

  agent(as?: TokenRequest): Agent {
    return as ? this.gateway.as(as) : this.gateway.http();
  }

  async sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.database.query(text, values)).rows as T[];
  }

  checked(operationId: string, response: Response): Response {
    return this.gateway.expectContract(operationId, response);
  }

  async raise(body: Body, as?: TokenRequest, key?: string): Promise<Response> {
    const request = this.agent(as).post(DISPUTES);
    if (key) void request.set('idempotency-key', key);
    return this.checked('raiseDispute', await request.send(body));
  }

  async list(query: Body = {}, as?: TokenRequest): Promise<Response> {
    return this.checked('listDisputes', await this.agent(as).get(DISPUTES).query(query));
  }

  async get(id: string, as?: TokenRequest): Promise<Response> {
    return this.checked('getDispute', await this.agent(as).get(`${DISPUTES}/${id}`));
  }

  /** POSTs a change with If-Match (`etag` null sends none). */
  async change(
    operationId: string,
    id: string,
    action: string,
    etag: string | null,
    body: Body,
    as?: TokenRequest,
  ): Promise<Response> {
    const request = this.agent(as).post(`${DISPUTES}/${id}/${action}`);
    if (etag !== null) void request.set('if-match', etag);
    return this.checked(operationId, await request.send(body));
  }

  assign(id: string, etag: string | null, body: Body, as?: TokenRequest) {
    return this.change('assignDisputeOwner', id, 'assignment', etag, body, as);
  }

  status(id: string, etag: string | null, body: Body, as?: TokenRequest) {
    return this.change('changeDisputeStatus', id, 'status', etag, body, as);
  }

  resolve(id: string, etag: string | null, body: Body, as?: TokenRequest) {
    return this.change(
      'resolveDisputeWithCreditMemo',
      id,
      'credit-memo-resolution',
      etag,
      body,
      as,
    );
  }

  reject(id: string, etag: string | null, body: Body, as?: TokenRequest) {
    return this.change('rejectAndRebillDispute', id, 'rejection', etag, body, as);
  }

  writeOff(id: string, etag: string | null, body: Body, as?: TokenRequest) {
    return this.change('writeOffDispute', id, 'write-off', etag, body, as);
  }

  async collections(operationId: string, path: string, query: Body = {}, as?: TokenRequest) {
    return this.checked(
      operationId,
      await this.agent(as).get(`${COLLECTIONS}${path}`).query(query),
    );
  }

  async dunningRun(body: Body = {}, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'startDunningRun',
      await this.agent(as).post(`${COLLECTIONS}/dunning-runs`).send(body),
    );
  }

  async refreshQueue(body: Body = {}, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'refreshCollectionsQueue',
      await this.agent(as).post(`${COLLECTIONS}/work-queue/refresh`).send(body),
    );
  }

  /** An open invoice of `customerId` (default 500.00 in two lines, due in 10 days). */
  async openInvoice(
    customerId: string,
    overrides: Partial<Parameters<ReceivablesFactory['invoice']>[0]> = {},
  ) {
    return this.factory.invoice({
      customerId,
      dueDate: overrides.dueDate ?? daysFromNow(10),
      lines: [
        { quantity: '10', unitPrice: '30.00' },
        { quantity: '4', unitPrice: '50.00' },
      ],
      ...overrides,
    });
  }
}

/** The field errors of a problem as "path rule" strings. */
export function fieldErrors(response: Response): string[] {
  const errors = (response.body as { errors?: { path: string; rule: string }[] }).errors ?? [];
  return errors.map((error) => `${error.path} ${error.rule}`);
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
