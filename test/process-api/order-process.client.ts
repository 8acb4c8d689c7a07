import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { TestGateway } from '../support/test-gateway';

type Agent = ReturnType<TestGateway['http']>;

/** The order-to-cash process API over HTTP, every answer checked against the contract. */
export class OrderProcessClient {
  constructor(private readonly gateway: TestGateway) {}

  async submit(body: Record<string, unknown>, agent: Agent = this.gateway.http()) {
    const response = await agent
      .post('/process/v1/orders')
      .set('idempotency-key', randomUUID())
      .send(body);
    return this.gateway.expectContract('submitOrder', response);
  }

  async get(orderId: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'getOrderDetail',
      await agent.get(`/process/v1/orders/${orderId}`),
    );
  }

  async list(query: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'listProcessOrders',
      await agent.get(`/process/v1/orders${query}`),
    );
  }

  async cancel(orderId: string, etag: string | undefined, reason = 'customer request') {
    const request = this.gateway.http().post(`/process/v1/orders/${orderId}/cancellation`);
    if (etag !== undefined) void request.set('if-match', etag);
    return this.gateway.expectContract('cancelOrder', await request.send({ reason }));
  }

  async change(orderId: string, etag: string | undefined, body: Record<string, unknown>) {
    const request = this.gateway.http().patch(`/process/v1/orders/${orderId}`);
    if (etag !== undefined) void request.set('if-match', etag);
    return this.gateway.expectContract('changeOrder', await request.send(body));
  }
}
