import { Client } from 'pg';
import type { Response } from 'supertest';
import { customerBody } from '../factories/customer.factory';
import { itemBody } from '../factories/item.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const ITEMS = '/system/v1/items';
export const AGREEMENTS = '/system/v1/price-agreements';
export const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';
export type Body = Record<string, unknown>;

/** Tables a rejected catalog command could have touched. */
const CATALOG_TABLES = [
  'items',
  'item_uom_conversions',
  'item_substitutes',
  'price_agreements',
  'price_agreement_breaks',
];

/**
 * The catalog API over HTTP for the e2e suites: every response goes through expectContract,
 * and `counts()` proves a rejected command wrote nothing.
 */
export class CatalogApiClient {
  private constructor(
    readonly gateway: TestGateway,
    private readonly database: Client,
  ) {}

  static async start(): Promise<CatalogApiClient> {
    const gateway = await startTestGateway();
    const database = new Client({ connectionString: gateway.database.url });
    await database.connect();
    return new CatalogApiClient(gateway, database);
  }

  async close(): Promise<void> {
    await this.database.end();
    await this.gateway.close();
  }

  async createItem(overrides: Body = {}): Promise<Response> {
    return this.checked('createItem', this.http().post(ITEMS).send(itemBody(overrides)));
  }

  async updateItem(id: string, body: Body, ifMatch?: string): Promise<Response> {
    const request = this.http().patch(`${ITEMS}/${id}`);
    if (ifMatch) void request.set('if-match', ifMatch);
    return this.checked('updateItem', request.send(body));
  }

  async getItem(id: string): Promise<Response> {
    return this.checked('getItem', this.http().get(`${ITEMS}/${id}`));
  }

  async listItems(query: Body): Promise<Response> {
    return this.checked('listItems', this.http().get(ITEMS).query(query));
  }

  async createCustomer(overrides: Body = {}): Promise<string> {
    const request = this.http().post('/system/v1/customers').send(customerBody(overrides));
    const response = await this.checked('createCustomer', request);
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async createAgreement(body: Body): Promise<Response> {
    return this.checked('createPriceAgreement', this.http().post(AGREEMENTS).send(body));
  }

  async updateAgreement(id: string, body: Body, ifMatch?: string): Promise<Response> {
    const request = this.http().patch(`${AGREEMENTS}/${id}`);
    if (ifMatch) void request.set('if-match', ifMatch);
    return this.checked('updatePriceAgreement', request.send(body));
  }

  async getAgreement(id: string): Promise<Response> {
    return this.checked('getPriceAgreement', this.http().get(`${AGREEMENTS}/${id}`));
  }

  async listAgreements(query: Body): Promise<Response> {
    return this.checked('listPriceAgreements', this.http().get(AGREEMENTS).query(query));
  }

  async counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of CATALOG_TABLES) {
      const { rows } = await this.database.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${table}`,
      );
      result[table] = Number(rows[0]?.n);
    }
    return result;
  }

  private http() {
    return this.gateway.http();
  }

  private async checked(operationId: string, request: PromiseLike<Response>): Promise<Response> {
    return this.gateway.expectContract(operationId, await request);
  }
}

export function expectProblem(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
}

export function expectFieldError(response: Response, path: string, rule: string): void {
  expect(response.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ path, rule })]),
  );
}
