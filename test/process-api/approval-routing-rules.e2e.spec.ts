import { DataSource } from 'typeorm';
import { insertHeldOrder } from '../factories/work-queue.factory';
import { type Body, fieldErrors, UNKNOWN_ID, WorkQueuesClient } from './work-queues.client';

let sequence = 0;

function ruleBody(overrides: Body = {}): Body {
  sequence += 1;
  return {
    queue: 'credit-review',
    name: `Key accounts ${sequence}`,
    order: 15,
    role: 'credit-manager',
    slaHours: 2,
    priority: 2,
    when: {
      reasons: ['CREDIT.LIMIT_EXCEEDED'],
      minOrderTotal: '10000.00',
      maxOrderTotal: '250000',
    },
    ...overrides,
  };
}

describe('process API: approval routing rules', () => {
  let client: WorkQueuesClient;

  beforeAll(async () => {
    client = await WorkQueuesClient.start();
  });
  afterAll(() => client.close());

  it('starts with the default routing, by queue and evaluation order', async () => {
    const response = await client.listRules({ queue: 'credit-review' });
    expect(response.status).toBe(200);
    const rules = response.body.items as Body[];
    expect(rules.map((rule) => [rule.order, rule.role, rule.slaHours, rule.priority])).toEqual([
      [10, 'finance-director', 24, 1],
      [20, 'credit-analyst', 4, 3],
      [30, 'credit-manager', 8, 2],
      [40, 'credit-analyst', 4, 3],
      [100, 'credit-manager', 8, 3],
    ]);
    expect(rules[1]).toMatchObject({
      name: 'Credit limit overrun below 10 %',
      when: { reasons: ['CREDIT.LIMIT_EXCEEDED'], maxOverrunPercent: '10' },
      active: true,
    });
    const all = await client.listRules();
    expect((all.body.items as Body[]).map((rule) => rule.queue)).toEqual([
      ...Array<string>(5).fill('credit-review'),
      'inventory-review',
      'pricing-review',
    ]);
  });

  it('pages through rules with an opaque cursor', async () => {
    const all = await client.listRules({ limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listRules({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { id: string }[]).map((rule) => rule.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((all.body.items as { id: string }[]).map((rule) => rule.id));
  });

  it('creates a rule (201, ETag, Location) that reads back with decimal strings', async () => {
    const created = await client.createRule(ruleBody({ name: 'Key accounts' }));
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/process/v1/approval-routing-rules/${created.body.id}`);
    expect(created.body).toMatchObject({
      queue: 'credit-review',
      name: 'Key accounts',
      order: 15,
      role: 'credit-manager',
      slaHours: 2,
      priority: 2,
      when: { reasons: ['CREDIT.LIMIT_EXCEEDED'], minOrderTotal: '10000', maxOrderTotal: '250000' },
      active: true,
      version: 1,
    });
    const read = await client.getRule(created.body.id);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const stored = await client.sql<{ condition: unknown; sla_minutes: number }>(
      'SELECT condition, sla_minutes FROM approval_routing_rules WHERE id = $1',
      [created.body.id],
    );
    expect(stored).toEqual([
      {
        condition: {
          reasons: ['CREDIT.LIMIT_EXCEEDED'],
          minOrderTotal: '10000',
          maxOrderTotal: '250000',
        },
        sla_minutes: 120,
      },
    ]);
    const audit = await client.sql<{ operation: string }>(
      "SELECT operation FROM audit_log WHERE object_type = 'approval_routing_rules' AND object_id = $1",
      [created.body.id],
    );
    expect(audit).toEqual([{ operation: 'createApprovalRoutingRule' }]);
  });

  it.each([
    [
      { when: { minOverrunPercent: '10', maxOverrunPercent: '10' } },
      '/body/when/maxOverrunPercent ROUTING.INVALID_RULE',
    ],
    [{ when: { minOrderTotal: '-1' } }, '/body/when/minOrderTotal pattern'],
    [{ when: { maxOverrunPercent: 10 } }, '/body/when/maxOverrunPercent type'],
    [{ when: { overrunAtMost: '10' } }, '/body/when/overrunAtMost additionalProperties'],
    [{ when: { reasons: [] } }, '/body/when/reasons minItems'],
    [{ when: { reasons: ['late payer'] } }, '/body/when/reasons/0 pattern'],
    [{ role: 'night-shift' }, '/body/role internal-role'],
    [{ role: 'customer-user' }, '/body/role internal-role'],
    [{ queue: 'dispute' }, '/body/queue enum'],
    [{ slaHours: 0 }, '/body/slaHours minimum'],
    [{ slaHours: 721 }, '/body/slaHours maximum'],
    [{ priority: 6 }, '/body/priority maximum'],
    [{ order: 1.5 }, '/body/order type'],
    [{ name: '' }, '/body/name minLength'],
    [{ name: undefined }, '/body/name required'],
    [{ id: UNKNOWN_ID }, '/body/id unevaluatedProperties'],
  ])('rejects %j naming the field', async (overrides, error) => {
    const before = await client.sql('SELECT id FROM approval_routing_rules');
    const response = await client.createRule(ruleBody(overrides));
    expect(response.status).toBe(400);
    expect(fieldErrors(response)).toContain(error);
    expect(await client.sql('SELECT id FROM approval_routing_rules')).toHaveLength(before.length);
  });

  it('refuses a second rule of the same name in a queue with 409 naming the field', async () => {
    const response = await client.createRule(ruleBody({ name: 'Other credit holds' }));
    expect(response.status).toBe(409);
    expect(fieldErrors(response)).toEqual(['/body/name unique-in-queue']);
  });

  it('updates only the fields sent, conditionally, and deactivates', async () => {
    const created = await client.createRule(ruleBody());
    const id = created.body.id as string;
    const updated = await client.updateRule(id, { role: 'finance-director', slaHours: 6 }, '"1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.body).toMatchObject({
      role: 'finance-director',
      slaHours: 6,
      order: 15,
      when: created.body.when,
      version: 2,
    });
    const replaced = await client.updateRule(id, { when: { maxOverrunPercent: '5' } }, '"2"');
    expect(replaced.body.when).toEqual({ maxOverrunPercent: '5' });
    const deactivated = await client.updateRule(id, { active: false }, '"3"');
    expect(deactivated.body).toMatchObject({ active: false, version: 4 });
    const active = await client.listRules({ queue: 'credit-review', active: true });
    expect((active.body.items as { id: string }[]).map((rule) => rule.id)).not.toContain(id);
  });

  it('answers 428, 412, 404 and 400 to bad updates, changing nothing', async () => {
    const created = await client.createRule(ruleBody());
    const id = created.body.id as string;
    expect((await client.updateRule(id, { slaHours: 3 })).status).toBe(428);
    const stale = await client.updateRule(id, { slaHours: 3 }, '"7"');
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe('"1"');
    expect((await client.updateRule(UNKNOWN_ID, { slaHours: 3 }, '"1"')).status).toBe(404);
    const queue = await client.updateRule(id, { queue: 'pricing-review' }, '"1"');
    expect(fieldErrors(queue)).toEqual(['/body/queue unevaluatedProperties']);
    const band = await client.updateRule(
      id,
      { when: { minOrderTotal: '9', maxOrderTotal: '1' } },
      '"1"',
    );
    expect(fieldErrors(band)).toEqual(['/body/when/maxOrderTotal ROUTING.INVALID_RULE']);
    const empty = await client.updateRule(id, {}, '"1"');
    expect(fieldErrors(empty)).toEqual(['/body minProperties']);
    const renamed = await client.updateRule(id, { name: 'Overdue receivables' }, '"1"');
    expect(renamed.status).toBe(409);
    expect((await client.getRule(id)).body).toEqual(created.body);
  });

  it('deletes a rule that never routed a task, and keeps one that did (409)', async () => {
    const unused = await client.createRule(ruleBody());
    expect((await client.deleteRule(unused.body.id, null)).status).toBe(428);
    expect((await client.deleteRule(unused.body.id, '"5"')).status).toBe(412);
    const deleted = await client.deleteRule(unused.body.id, '"1"');
    expect(deleted.status).toBe(204);
    expect((await client.getRule(unused.body.id)).status).toBe(404);

    const used = await client.createRule(ruleBody());
    const held = await insertHeldOrder(client.gateway.app.get(DataSource), {
      holds: [{ type: 'credit', queue: 'credit-review', role: 'credit-manager' }],
    });
    await client.sql('UPDATE tasks SET routing_rule_id = $1 WHERE id = $2', [
      used.body.id,
      held.tasks[0]?.id,
    ]);
    const refused = await client.deleteRule(used.body.id, '"1"');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ROUTING.RULE_IN_USE');
    expect((await client.getRule(used.body.id)).status).toBe(200);
  });

  it('rejects an unknown queue filter and a malformed rule id', async () => {
    const queue = await client.listRules({ queue: 'dispute' });
    expect(fieldErrors(queue)).toEqual(['/query/queue enum']);
    const id = await client.getRule('rule-1');
    expect(id.status).toBe(400);
    expect(fieldErrors(id)[0]).toMatch(/^\/path\/ruleId /);
  });
});
