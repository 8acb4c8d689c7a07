import type { HoldSpec } from '../factories/work-queue.factory';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { fieldErrors, staff, WorkQueuesClient } from './work-queues.client';

const analyst = staff('ana', 'credit-analyst');
const otherAnalyst = staff('oscar', 'credit-analyst');
const pricingAnalyst = staff('pia', 'pricing-analyst');
const manager = staff('max', 'credit-manager');

const creditHold: HoldSpec = { type: 'credit', queue: 'credit-review', role: 'credit-analyst' };

describe('process API: work queues (claims and reassignment)', () => {
  let client: WorkQueuesClient;

  beforeAll(async () => {
    client = await WorkQueuesClient.start();
  });
  afterAll(() => client.close());

  async function openTask(spec: Partial<HoldSpec> = {}) {
    const held = await client.heldOrder({ holds: [{ ...creditHold, ...spec }] });
    return { held, taskId: held.tasks[0]?.id ?? '' };
  }

  describe('claim', () => {
    it("claims an open task for a holder of the task's role, with a new ETag and an event", async () => {
      const { taskId } = await openTask();
      const before = await client.etag(taskId);
      const response = await client.claim(taskId, analyst, before);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'claimed', assignee: 'ana' });
      expect(response.body.claimedAt).not.toBeNull();
      expect(response.headers.etag).not.toBe(before);
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
      const events = await client.sql<{ activity: string; actor: string }>(
        'SELECT activity, actor FROM process_events WHERE object_id = $1',
        [taskId],
      );
      expect(events).toEqual([{ activity: 'task.claimed', actor: 'internal:ana' }]);
      const audit = await client.sql<{ operation: string }>(
        "SELECT operation FROM audit_log WHERE object_type = 'tasks' AND object_id = $1",
        [taskId],
      );
      expect(audit).toEqual([{ operation: 'claimTask' }]);
    });

    it('refuses a principal without the role with 403 naming the rule', async () => {
      const { taskId } = await openTask();
      const response = await client.claim(taskId, pricingAnalyst);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('TASK.ROLE_REQUIRED');
      expect(fieldErrors(response)).toEqual(['/assigneeRole task-role']);
      expect((await client.getTask(taskId)).body.status).toBe('open');
    });

    it('lets an admin claim a task of any role', async () => {
      const { taskId } = await openTask({ role: 'credit-manager' });
      const response = await client.claim(taskId);
      expect(response.status).toBe(200);
      expect(response.body.assignee).toBe('test-admin');
    });

    it('answers 412 to a stale If-Match and 428 without one', async () => {
      const { taskId } = await openTask();
      const stale = await client.claim(taskId, analyst, '"99"');
      expect(stale.status).toBe(412);
      expect(fieldErrors(stale)).toEqual(['/headers/if-match current-version']);
      const missing = await client.claim(taskId, analyst, null);
      expect(missing.status).toBe(428);
      expect(fieldErrors(missing)).toEqual(['/headers/if-match required']);
      expect((await client.getTask(taskId)).body.status).toBe('open');
    });

    it('answers 409 when the task is already claimed, and the loser of a race gets 412', async () => {
      const { taskId } = await openTask();
      const tag = await client.etag(taskId);
      expect((await client.claim(taskId, analyst, tag)).status).toBe(200);
      const late = await client.claim(taskId, otherAnalyst, tag);
      expect(late.status).toBe(412);
      const again = await client.claim(taskId, otherAnalyst);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('TASK.NOT_OPEN');
      expect(again.body.detail).toContain('claimed by ana');
      expect((await client.getTask(taskId)).body.assignee).toBe('ana');
    });

    it('lets exactly one of two concurrent claims win', async () => {
      const { taskId } = await openTask();
      const tag = await client.etag(taskId);
      const results = await Promise.all([
        client.claim(taskId, analyst, tag),
        client.claim(taskId, otherAnalyst, tag),
      ]);
      expect(results.map((response) => response.status).sort()).toEqual([200, 412]);
    });
  });

  describe('reassignment', () => {
    it('moves a claimed task to another role, unclaimed, audited, with a notification', async () => {
      const { taskId } = await openTask({ assignee: 'ana' });
      const response = await client.reassign(taskId, { role: 'credit-manager' }, analyst);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'open',
        assigneeRole: 'credit-manager',
        assignee: null,
        claimedAt: null,
      });
      const outbox = await client.sql<{ event_type: string; payload: Record<string, unknown> }>(
        "SELECT event_type, payload FROM outbox_messages WHERE aggregate_type = 'task' AND aggregate_id = $1",
        [taskId],
      );
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        event_type: 'task.reassigned',
        payload: {
          from: { role: 'credit-analyst', assignee: 'ana' },
          to: { role: 'credit-manager', assignee: null },
          actor: 'internal:ana',
        },
      });
      const audit = await client.sql<{ operation: string; principal: string }>(
        "SELECT operation, principal FROM audit_log WHERE object_type = 'tasks' AND object_id = $1",
        [taskId],
      );
      expect(audit).toEqual([{ operation: 'reassignTask', principal: 'internal:ana' }]);
      // The new role's people can now claim it; the old one's cannot.
      expect((await client.claim(taskId, analyst)).status).toBe(403);
      expect((await client.claim(taskId, manager)).status).toBe(200);
    });

    it('assigns a task to a named person, and back to the queue with assignee null', async () => {
      const { taskId } = await openTask();
      const assigned = await client.reassign(taskId, { assignee: 'oscar' }, analyst);
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'claimed', assignee: 'oscar' });
      const released = await client.reassign(taskId, { assignee: null }, otherAnalyst);
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ status: 'open', assignee: null });
    });

    it('refuses principals outside the role, finished tasks, and bad bodies', async () => {
      const { taskId } = await openTask();
      const outsider = await client.reassign(taskId, { role: 'credit-manager' }, pricingAnalyst);
      expect(outsider.status).toBe(403);
      expect(fieldErrors(outsider)).toEqual(['/assigneeRole task-role']);

      const unknownRole = await client.reassign(taskId, { role: 'night-shift' }, analyst);
      expect(unknownRole.status).toBe(400);
      expect(fieldErrors(unknownRole)).toEqual(['/body/role internal-role']);
      const notARole = await client.reassign(taskId, { role: 'Credit Manager' }, analyst);
      expect(fieldErrors(notARole)).toEqual(['/body/role pattern']);
      const empty = await client.reassign(taskId, {}, analyst);
      expect(empty.status).toBe(400);
      expect(fieldErrors(empty)).toEqual(['/body minProperties']);
      const extra = await client.reassign(taskId, { role: 'credit-manager', sla: 4 }, analyst);
      expect(fieldErrors(extra)).toEqual(['/body/sla additionalProperties']);
      const stale = await client.reassign(taskId, { role: 'credit-manager' }, analyst, '"42"');
      expect(stale.status).toBe(412);

      const { taskId: done } = await openTask({ status: 'cancelled' });
      const finished = await client.reassign(done, { role: 'credit-manager' }, analyst);
      expect(finished.status).toBe(409);
      expect(finished.body.code).toBe('TASK.NOT_LIVE');
    });

    it("answers 404 to a sales rep for another account's task", async () => {
      const { taskId } = await openTask();
      const { held: other } = await openTask();
      const rep = { ...salesRep(client.gateway, [other.customerId]), roles: ['admin'] };
      const response = await client.reassign(taskId, { role: 'credit-manager' }, rep);
      expect(response.status).toBe(404);
      expect((await client.getTask(taskId)).body.assigneeRole).toBe('credit-analyst');
    });
  });
});
