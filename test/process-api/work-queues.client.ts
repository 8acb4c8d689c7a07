import type { TokenRequest } from '@o2c/governance';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  type HeldOrder,
  type HeldOrderOptions,
  insertHeldOrder,
} from '../factories/work-queue.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const TASKS = '/process/v1/tasks';
export const RULES = '/process/v1/approval-routing-rules';
export const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';
export type Body = Record<string, unknown>;
type Agent = ReturnType<TestGateway['http']>;

/** A person working queues: an internal user with the given roles and the task scopes. */
export function staff(subject: string, ...roles: string[]): TokenRequest {
  return {
    subject,
    kind: 'internal',
    roles,
    scopes: ['tasks:read', 'tasks:write', 'orders:read', 'approval-rules:read'],
  };
}

/**
 * The work-queue and routing APIs over HTTP for the e2e suites: every response goes through
 * expectContract; `sql` reads what a command left behind (events, outbox, allocations).
 */
export class WorkQueuesClient {
  private constructor(
    readonly gateway: TestGateway,
    private readonly database: Client,
  ) {}

  static async start(): Promise<WorkQueuesClient> {
    const gateway = await startTestGateway();
    const database = new Client({ connectionString: gateway.database.url });
    await database.connect();
    return new WorkQueuesClient(gateway, database);
  }

  async close(): Promise<void> {
    await this.database.end();
    await this.gateway.close();
  }

  heldOrder(options: HeldOrderOptions): Promise<HeldOrder> {
    return insertHeldOrder(this.gateway.app.get(DataSource), options);
  }

  agent(as?: TokenRequest): Agent {
    return as ? this.gateway.as(as) : this.gateway.http();
  }

  listTasks(queue: string, query: Body = {}, as?: TokenRequest): Promise<Response> {
    return this.checked(
      'listWorkQueueTasks',
      this.agent(as).get(`/process/v1/work-queues/${queue}/tasks`).query(query),
    );
  }

  getTask(id: string, as?: TokenRequest): Promise<Response> {
    return this.checked('getTask', this.agent(as).get(`${TASKS}/${id}`));
  }

  /** The task's current ETag, read as an administrator. */
  async etag(id: string): Promise<string> {
    const response = await this.getTask(id);
    expect(response.status).toBe(200);
    return response.headers.etag;
  }

  async claim(id: string, as?: TokenRequest, ifMatch?: string | null): Promise<Response> {
    const request = this.agent(as).post(`${TASKS}/${id}/claim`);
    const tag = ifMatch === undefined ? await this.etag(id) : ifMatch;
    if (tag !== null) void request.set('if-match', tag);
    return this.checked('claimTask', request);
  }

  async decide(
    id: string,
    body: Body,
    as?: TokenRequest,
    ifMatch?: string | null,
  ): Promise<Response> {
    const request = this.agent(as).post(`${TASKS}/${id}/decision`);
    const tag = ifMatch === undefined ? await this.etag(id) : ifMatch;
    if (tag !== null) void request.set('if-match', tag);
    return this.checked('decideTask', request.send(body));
  }

  async reassign(
    id: string,
    body: Body,
    as?: TokenRequest,
    ifMatch?: string | null,
  ): Promise<Response> {
    const request = this.agent(as).post(`${TASKS}/${id}/reassignment`);
    const tag = ifMatch === undefined ? await this.etag(id) : ifMatch;
    if (tag !== null) void request.set('if-match', tag);
    return this.checked('reassignTask', request.send(body));
  }

  listRules(query: Body = {}): Promise<Response> {
    return this.checked('listApprovalRoutingRules', this.agent().get(RULES).query(query));
  }

  createRule(body: Body): Promise<Response> {
    return this.checked('createApprovalRoutingRule', this.agent().post(RULES).send(body));
  }

  getRule(id: string): Promise<Response> {
    return this.checked('getApprovalRoutingRule', this.agent().get(`${RULES}/${id}`));
  }

  updateRule(id: string, body: Body, ifMatch?: string | null): Promise<Response> {
    const request = this.agent().patch(`${RULES}/${id}`);
    if (ifMatch) void request.set('if-match', ifMatch);
    return this.checked('updateApprovalRoutingRule', request.send(body));
  }

  deleteRule(id: string, ifMatch?: string | null): Promise<Response> {
    const request = this.agent().delete(`${RULES}/${id}`);
    if (ifMatch) void request.set('if-match', ifMatch);
    return this.checked('deleteApprovalRoutingRule', request);
  }

  async sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    const { rows } = await this.database.query<T>(text, values);
    return rows;
  }

  private async checked(operationId: string, request: PromiseLike<Response>): Promise<Response> {
    return this.gateway.expectContract(operationId, await request);
  }
}

/** The field errors of a problem response, as `path rule` pairs. */
export function fieldErrors(response: Response): string[] {
  const errors = (response.body as { errors?: { path: string; rule: string }[] }).errors ?? [];
  return errors.map((error) => `${error.path} ${error.rule}`);
}
