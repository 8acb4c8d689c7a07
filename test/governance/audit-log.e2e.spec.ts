import { auditDigest, type AuditImage } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { salesRep } from './ownership-accounts.fixture';

interface AuditEntry {
  id: string;
  occurredAt: string;
  principal: string;
  principalType: string;
  operation: string;
  objectType: string;
  objectId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  before: AuditImage | null;
  after: AuditImage | null;
  correlationId: string | null;
}

describe('governance API: the audit log', () => {
  let gateway: TestGateway;
  let customerId: string;
  let createdBy: string;
  let updatedBy: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    createdBy = `audit-log-${randomUUID()}`;
    const created = await gateway
      .http()
      .post('/system/v1/customers')
      .set('x-request-id', createdBy)
      .send(customerBody());
    customerId = created.body.id;
    updatedBy = `audit-log-${randomUUID()}`;
    const updated = await gateway
      .http()
      .patch(`/system/v1/customers/${customerId}`)
      .set('x-request-id', updatedBy)
      .set('if-match', '"1"')
      .send({ name: 'Acme Machining (renamed)' });
    expect(updated.status).toBe(200);
  });
  afterAll(() => gateway.close());

  async function list(query: Record<string, string | number>) {
    const response = gateway.expectContract(
      'listAuditLog',
      await gateway.http().get('/governance/v1/audit-log').query(query),
    );
    expect(response.status).toBe(200);
    return response.body as { items: AuditEntry[]; nextCursor: string | null };
  }

  it("shows a record's history, newest first, with verifiable digests", async () => {
    const page = await list({ objectType: 'customers', objectId: customerId });
    expect(page.items.map((entry) => [entry.operation, entry.correlationId])).toEqual([
      ['updateCustomer', updatedBy],
      ['createCustomer', createdBy],
    ]);
    const [update, creation] = page.items;
    expect(update).toMatchObject({
      principal: 'internal:test-admin',
      principalType: 'internal',
      objectType: 'customers',
      objectId: customerId,
      before: expect.objectContaining({ version: 1 }),
      after: expect.objectContaining({ name: 'Acme Machining (renamed)', version: 2 }),
    });
    expect(update?.afterDigest).toBe(auditDigest(update?.after ?? null));
    expect(update?.beforeDigest).toBe(creation?.afterDigest);
    expect(creation).toMatchObject({ before: null, beforeDigest: null });
    expect(Date.parse(update?.occurredAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(creation?.occurredAt ?? ''),
    );
  });

  it('finds the writes of one request, and pages through them with a cursor', async () => {
    const all = await list({ correlationId: createdBy });
    expect(all.items.map((entry) => entry.objectType).sort()).toEqual([
      'customer_ship_tos',
      'customers',
    ]);
    const first = await list({ correlationId: createdBy, limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list({
      correlationId: createdBy,
      limit: 1,
      cursor: first.nextCursor ?? '',
    });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((entry) => entry.id)).toEqual(
      all.items.map((entry) => entry.id),
    );
  });

  it('filters by principal, operation and time', async () => {
    const byOperation = await list({
      operation: 'updateCustomer',
      principal: 'internal:test-admin',
    });
    expect(byOperation.items.map((entry) => entry.correlationId)).toEqual([updatedBy]);
    const later = await list({ from: new Date(Date.now() + 60_000).toISOString() });
    expect(later.items).toEqual([]);
  });

  it('refuses a forged cursor and an inverted range with 400 naming the parameter', async () => {
    const forged = gateway.expectContract(
      'listAuditLog',
      await gateway.http().get('/governance/v1/audit-log').query({ cursor: 'bm90LWEtY3Vyc29y' }),
    );
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ path: '/query/cursor', rule: 'cursor' });
    const inverted = gateway.expectContract(
      'listAuditLog',
      await gateway
        .http()
        .get('/governance/v1/audit-log')
        .query({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0]).toMatchObject({ path: '/query/from', rule: 'range' });
  });

  it('is closed to account-bound principals, even with governance:read', async () => {
    const rep = gateway.as(salesRep(gateway, [customerId]));
    const response = gateway.expectContract(
      'listAuditLog',
      await rep.get('/governance/v1/audit-log').query({ objectId: customerId }),
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.FORBIDDEN');
  });
});
