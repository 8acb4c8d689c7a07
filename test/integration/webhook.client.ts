import type { TokenRequest } from '@o2c/governance';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { customerBody } from '../factories/customer.factory';
import type { TestGateway } from '../support/test-gateway';

type Agent = ReturnType<TestGateway['http']>;

const SUBSCRIPTIONS = '/process/v1/webhook-subscriptions';

/** A partner API client bound to `customerIds`, holding the webhook scopes a partner gets. */
export function partner(
  customerIds: string[],
  subject = `pc_${randomBytes(5).toString('hex')}`,
): TokenRequest {
  return {
    subject,
    kind: 'partner_client',
    scopes: ['webhooks:read', 'webhooks:write', 'orders:read'],
    customerIds,
  };
}

/** A subscription body; the URL defaults to a public https endpoint (never called here). */
export function subscriptionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Partner hook ${randomBytes(3).toString('hex')}`,
    url: 'https://hooks.partner.example/o2c',
    eventTypes: ['order.*'],
    ...overrides,
  };
}

/** The integration API's webhook operations over HTTP, every answer checked against the contract. */
export class WebhookClient {
  constructor(private readonly gateway: TestGateway) {}

  async customer(): Promise<string> {
    const response = await this.gateway.http().post('/system/v1/customers').send(customerBody());
    if (response.status !== 201) throw new Error(`customer not created: ${response.status}`);
    return response.body.id as string;
  }

  create(body: Record<string, unknown>, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check('createWebhookSubscription', agent.post(SUBSCRIPTIONS).send(body));
  }

  get(id: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check('getWebhookSubscription', agent.get(`${SUBSCRIPTIONS}/${id}`));
  }

  list(query = '', agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check('listWebhookSubscriptions', agent.get(`${SUBSCRIPTIONS}${query}`));
  }

  update(
    id: string,
    etag: string | undefined,
    body: Record<string, unknown>,
    agent: Agent = this.gateway.http(),
  ): Promise<Response> {
    const request = agent.patch(`${SUBSCRIPTIONS}/${id}`);
    if (etag !== undefined) void request.set('if-match', etag);
    return this.check('updateWebhookSubscription', request.send(body));
  }

  remove(
    id: string,
    etag: string | undefined,
    agent: Agent = this.gateway.http(),
  ): Promise<Response> {
    const request = agent.delete(`${SUBSCRIPTIONS}/${id}`);
    if (etag !== undefined) void request.set('if-match', etag);
    return this.check('deleteWebhookSubscription', request);
  }

  rotate(
    id: string,
    body?: Record<string, unknown>,
    agent: Agent = this.gateway.http(),
  ): Promise<Response> {
    const request = agent.post(`${SUBSCRIPTIONS}/${id}/secret-rotation`);
    return this.check('rotateWebhookSecret', body === undefined ? request : request.send(body));
  }

  ping(id: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check('pingWebhookSubscription', agent.post(`${SUBSCRIPTIONS}/${id}/pings`));
  }

  deliveries(id: string, query = '', agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check(
      'listWebhookSubscriptionDeliveries',
      agent.get(`${SUBSCRIPTIONS}/${id}/deliveries${query}`),
    );
  }

  messageDeliveries(messageId: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check(
      'listWebhookMessageDeliveries',
      agent.get(`/process/v1/webhook-deliveries?messageId=${messageId}`),
    );
  }

  eventTypes(agent: Agent = this.gateway.http()): Promise<Response> {
    return this.check('listWebhookEventTypes', agent.get('/process/v1/webhook-event-types'));
  }

  private async check(operationId: string, request: PromiseLike<Response>): Promise<Response> {
    return this.gateway.expectContract(operationId, await request);
  }
}

/** The rules of a problem's field errors, by path. */
export function fieldRules(response: Response): [string, string][] {
  return ((response.body.errors ?? []) as { path: string; rule: string }[]).map((error) => [
    error.path,
    error.rule,
  ]);
}
