import { Client } from 'pg';
import type { Response } from 'supertest';
import { customerBody } from '../factories/customer.factory';
import type { TestGateway } from '../support/test-gateway';

/** The token endpoint allows 20 requests per second per IP; every test request comes from
 *  127.0.0.1, so token calls are spaced to stay under it. */
const TOKEN_SPACING_MS = 60;

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  customerIds: string[];
  rateLimitPlan: string;
}

/** Test helpers for the OAuth suites: register clients, request tokens, read the database. */
export class OAuthTestClient {
  private lastTokenCall = 0;

  constructor(
    private readonly gateway: TestGateway,
    readonly customerIds: string[],
  ) {}

  /** A client bound to `count` new customers of the suite. */
  static async start(gateway: TestGateway, count = 2): Promise<OAuthTestClient> {
    const customerIds: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const created = await gateway.http().post('/system/v1/customers').send(customerBody());
      expect(created.status).toBe(201);
      customerIds.push(created.body.id);
    }
    return new OAuthTestClient(gateway, customerIds);
  }

  async register(overrides: Record<string, unknown> = {}): Promise<RegisteredClient> {
    const response = this.gateway.expectContract(
      'createApiClient',
      await this.gateway
        .http()
        .post('/governance/v1/api-clients')
        .send({
          name: 'Acme procurement',
          scopes: ['orders:read', 'invoices:read', 'shipments:read'],
          customerIds: this.customerIds,
          rateLimitPlan: 'standard',
          ...overrides,
        }),
    );
    expect(response.status).toBe(201);
    return response.body as RegisteredClient;
  }

  async paced(): Promise<void> {
    const wait = this.lastTokenCall + TOKEN_SPACING_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastTokenCall = Date.now();
  }

  /** client_secret_basic when `basic` is given; form-encoded unless `json` is set. */
  async requestToken(
    fields: Record<string, string>,
    auth: { basic?: [string, string]; json?: boolean } = {},
  ): Promise<Response> {
    await this.paced();
    let call = this.gateway.anonymous().post('/oauth/token');
    if (auth.basic) {
      const [id, secret] = auth.basic.map((part) => encodeURIComponent(part));
      call = call.set(
        'authorization',
        `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      );
    }
    const response = await (auth.json ? call.send(fields) : call.type('form').send(fields));
    return this.gateway.expectContract('issueAccessToken', response);
  }

  clientCredentials(client: Pick<RegisteredClient, 'clientId' | 'clientSecret'>) {
    return this.requestToken(
      { grant_type: 'client_credentials' },
      { basic: [client.clientId, client.clientSecret] },
    );
  }

  async withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.gateway.database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

/** RFC 6749 5.2 fields and our problem fields, JSON, never cached; 401 challenges Basic. */
export function expectOAuthError(response: Response, status: number, error: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toMatchObject({
    error,
    error_description: expect.any(String),
    status,
    code: `OAUTH.${error.toUpperCase()}`,
    type: expect.stringContaining('oauth-'),
    title: expect.any(String),
  });
  if (status === 401) expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
}
