import type { TokenRequest } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  type BillingCustomer,
  type BillingCustomerOptions,
  type InsertedInvoice,
  insertBillingCustomer,
  insertOpenInvoices,
  type InvoiceSpec,
} from '../factories/invoice.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const PAYMENTS = '/process/v1/payments';
export const FILES = '/process/v1/remittance-files';
export const PROFILES = '/process/v1/cash-application-profiles';
export type Body = Record<string, unknown>;
type Agent = ReturnType<TestGateway['http']>;

/** A person applying cash: the cash-applier role with its scopes. */
export function cashApplier(subject: string): TokenRequest {
  return {
    subject,
    kind: 'internal',
    roles: ['cash-applier'],
    scopes: [
      'customers:read',
      'orders:read',
      'invoices:read',
      'payments:read',
      'payments:write',
      'cash-applications:write',
      'tasks:read',
      'tasks:write',
    ],
  };
}

/** The number with its last two different adjacent digits swapped (a typing slip). */
export function transpose(digits: string): string {
  for (let at = digits.length - 1; at > 0; at -= 1) {
    if (digits[at] !== digits[at - 1]) {
      return `${digits.slice(0, at - 1)}${digits[at]}${digits[at - 1]}${digits.slice(at + 1)}`;
    }
  }
  throw new Error(`${digits} has no two different adjacent digits`);
}

/** A JSON payment of `amount` USD from the customer, with the given remittance lines. */
export function paymentBody(
  customer: BillingCustomer | null,
  amount: string,
  lines: Body[] = [],
  overrides: Body = {},
): Body {
  return {
    payer:
      customer === null
        ? { name: 'Unknown Remitter LLC', account: { number: `99${Date.now() % 1e8}` } }
        : { customerId: customer.customerId },
    amount: { amount, currency: 'USD' },
    method: 'ach',
    valueDate: '2026-03-06',
    bankReference: `BR-${randomUUID().slice(0, 8)}`,
    remittanceLines: lines,
    ...overrides,
  };
}

/**
 * The cash-application APIs over HTTP for the e2e suites: every response goes through
 * expectContract; `sql` reads what a command left behind (invoices, events, outbox).
 */
export class CashClient {
  private constructor(
    readonly gateway: TestGateway,
    private readonly database: Client,
  ) {}

  static async start(variables: Record<string, string> = {}): Promise<CashClient> {
    const gateway = await startTestGateway(variables);
    const database = new Client({ connectionString: gateway.database.url });
    await database.connect();
    return new CashClient(gateway, database);
  }

  async close(): Promise<void> {
    await this.database.end();
    await this.gateway.close();
  }

  get dataSource(): DataSource {
    return this.gateway.app.get(DataSource);
  }

  customer(options: BillingCustomerOptions = {}): Promise<BillingCustomer> {
    return insertBillingCustomer(this.dataSource, options);
  }

  invoices(customer: BillingCustomer, specs: InvoiceSpec[]): Promise<InsertedInvoice[]> {
    return insertOpenInvoices(this.dataSource, customer, specs);
  }

  agent(as?: TokenRequest): Agent {
    return as ? this.gateway.as(as) : this.gateway.http();
  }

  recordPayment(body: Body, as?: TokenRequest, key = randomUUID()): Promise<Response> {
    return this.checked(
      'recordPayment',
      this.agent(as).post(PAYMENTS).set('idempotency-key', key).send(body),
    );
  }

  getPayment(id: string, as?: TokenRequest): Promise<Response> {
    return this.checked('getPaymentCash', this.agent(as).get(`${PAYMENTS}/${id}`));
  }

  applyCash(
    paymentId: string,
    body: Body,
    headers: Record<string, string>,
    as?: TokenRequest,
  ): Promise<Response> {
    return this.checked(
      'applyPaymentCash',
      this.agent(as).post(`${PAYMENTS}/${paymentId}/applications`).set(headers).send(body),
    );
  }

  reverse(paymentId: string, etag: string, body: Body, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'reverseCashApplication',
      this.agent(as).post(`${PAYMENTS}/${paymentId}/reversals`).set('if-match', etag).send(body),
    );
  }

  identifyPayer(paymentId: string, etag: string, body: Body, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'identifyPaymentPayer',
      this.agent(as).post(`${PAYMENTS}/${paymentId}/payer`).set('if-match', etag).send(body),
    );
  }

  confirm(taskId: string, etag: string, body: Body, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'confirmCashSuggestions',
      this.agent(as)
        .post(`/process/v1/tasks/${taskId}/cash-confirmation`)
        .set('if-match', etag)
        .send(body),
    );
  }

  resolve(taskId: string, etag: string, body: Body, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'resolveCashTask',
      this.agent(as)
        .post(`/process/v1/tasks/${taskId}/cash-applications`)
        .set('if-match', etag)
        .send(body),
    );
  }

  getTask(taskId: string): Promise<Response> {
    return this.checked('getTask', this.agent().get(`/process/v1/tasks/${taskId}`));
  }

  putProfile(customerId: string, etag: string, body: Body): Promise<Response> {
    return this.checked(
      'putCashApplicationProfile',
      this.agent().put(`${PROFILES}/${customerId}`).set('if-match', etag).send(body),
    );
  }

  /** A customer's write-off tolerance, set through the API. */
  async tolerance(customerId: string, absolute: string, percent: string): Promise<void> {
    const current = await this.checked(
      'getCashApplicationProfile',
      this.agent().get(`${PROFILES}/${customerId}`),
    );
    const response = await this.putProfile(customerId, String(current.headers.etag), {
      writeOffAbsolute: absolute,
      writeOffPercent: percent,
      discountGraceDays: 0,
    });
    expect(response.status).toBe(200);
  }

  importFile(
    content: string | Buffer,
    contentType: string,
    query: Record<string, string> = {},
    as?: TokenRequest,
  ): Promise<Response> {
    return this.checked(
      'importRemittanceFile',
      this.agent(as)
        .post(FILES)
        .query(query)
        .set('content-type', contentType)
        .send(typeof content === 'string' ? Buffer.from(content) : content),
    );
  }

  async sql<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.database.query<T>(text, values)).rows;
  }

  /** An invoice's balances as stored. */
  async invoice(id: string) {
    const [row] = await this.sql<{
      status: string;
      open_balance: string;
      amount_applied: string;
      version: number;
    }>(
      `SELECT status, open_balance::text AS open_balance, amount_applied::text AS amount_applied,
              version FROM invoices WHERE id = $1`,
      [id],
    );
    return row;
  }

  async checked(operationId: string, request: PromiseLike<Response>): Promise<Response> {
    return this.gateway.expectContract(operationId, await request);
  }
}
