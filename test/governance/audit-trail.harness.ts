import { auditDigest, type AuditImage, type TokenRequest } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { customerBody } from '../factories/customer.factory';
import type { TestGateway } from '../support/test-gateway';

/** An audit_log row as the database returns it. */
export interface AuditRow {
  occurred_at: Date;
  principal: string;
  principal_type: string;
  operation: string;
  object_type: string;
  object_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  before: AuditImage | null;
  after: AuditImage | null;
  correlation_id: string | null;
}

export interface AuditedWrite {
  operationId: string;
  method: 'post' | 'patch';
  path: string;
  body: unknown;
  ifMatch?: string;
  as?: TokenRequest;
}

export const AUDITOR_KEY = 'internal:auditor-1';

/** Writes with their own request ids, and the audit rows each one left. */
export function auditTrailHarness(gateway: TestGateway) {
  const startedAt = new Date(Date.now() - 1000);
  const auditor: TokenRequest = {
    subject: 'auditor-1',
    kind: 'internal',
    roles: ['admin'],
    scopes: [...gateway.contracts.governance.scopes.keys()],
  };
  /** Operations whose audit rows a test has checked. */
  const recorded = new Set<string>();

  /** Sends a write with its own request id; checks the answer against the contract. */
  async function write(call: AuditedWrite): Promise<{ response: Response; requestId: string }> {
    const requestId = `audit-${randomUUID()}`;
    const request = gateway
      .as(call.as ?? auditor)
      [call.method](call.path)
      .set('x-request-id', requestId);
    if (call.ifMatch) void request.set('if-match', call.ifMatch);
    const response = gateway.expectContract(
      call.operationId,
      await request.send(call.body as object),
    );
    expect(response.headers['x-request-id']).toBe(requestId);
    return { response, requestId };
  }

  function rows(requestId: string): Promise<AuditRow[]> {
    return gateway.app
      .get(DataSource)
      .query<AuditRow[]>(
        'SELECT * FROM audit_log WHERE correlation_id = $1 ORDER BY object_type, object_id',
        [requestId],
      );
  }

  /** The one row about this object; every row of the request names who, what and how. */
  async function rowFor(
    requestId: string,
    objectType: string,
    objectId: string,
    operation: string,
    principal = AUDITOR_KEY,
  ): Promise<AuditRow> {
    const all = await rows(requestId);
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) {
      expect(row).toMatchObject({ principal, operation, correlation_id: requestId });
      expect(row.principal_type).toBe(principal.split(':')[0]);
      expect(row.occurred_at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
      // The digests are sha256 of the canonical JSON of the stored images.
      expect(row.before_digest).toBe(auditDigest(row.before));
      expect(row.after_digest).toBe(auditDigest(row.after));
    }
    recorded.add(operation);
    const matching = all.filter(
      (row) => row.object_type === objectType && row.object_id === objectId,
    );
    expect(matching).toHaveLength(1);
    const [row] = matching;
    if (!row) throw new Error(`no audit row for ${objectType} ${objectId}`);
    return row;
  }

  async function createCustomer() {
    const created = await write({
      operationId: 'createCustomer',
      method: 'post',
      path: '/system/v1/customers',
      body: customerBody(),
    });
    expect(created.response.status).toBe(201);
    return created;
  }

  return { auditor, recorded, write, rows, rowFor, createCustomer };
}

export function expectCreation(row: AuditRow, after: Record<string, unknown>): void {
  expect(row.before).toBeNull();
  expect(row.before_digest).toBeNull();
  expect(row.after).toMatchObject(after);
  expect(row.after_digest).toMatch(/^[0-9a-f]{64}$/);
}

export function expectUpdate(
  row: AuditRow,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): void {
  expect(row.before).toMatchObject(before);
  expect(row.after).toMatchObject(after);
  expect(row.before_digest).toMatch(/^[0-9a-f]{64}$/);
  expect(row.after_digest).toMatch(/^[0-9a-f]{64}$/);
  expect(row.after_digest).not.toBe(row.before_digest);
}
