import type { HeldOrder } from '../factories/work-queue.factory';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { fieldErrors, UNKNOWN_ID, WorkQueuesClient } from './work-queues.client';

const HOUR = 3_600_000;

describe('process API: work queues (lists and reads)', () => {
  let client: WorkQueuesClient;
  // Account A: four credit-review tasks and a pricing one; account B: one credit-review task.
  let dueSoon: HeldOrder;
  let urgent: HeldOrder;
  let overdue: HeldOrder;
  let claimed: HeldOrder;
  let pricing: HeldOrder;
  let otherAccount: HeldOrder;

  const taskOf = (held: HeldOrder) => held.tasks[0]?.id;
  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  beforeAll(async () => {
    client = await WorkQueuesClient.start();
    const now = Date.now();
    const credit = { type: 'credit', queue: 'credit-review' } as const;
    dueSoon = await client.heldOrder({
      holds: [
        {
          ...credit,
          role: 'credit-analyst',
          priority: 3,
          dueAt: new Date(now + 2 * HOUR),
          reasonCode: 'CREDIT.LIMIT_EXCEEDED',
          evidence: { exposure: '52000.00', limit: '50000.00', overrunPercent: '4' },
        },
      ],
    });
    const account = { customerId: dueSoon.customerId, shipToId: dueSoon.shipToId };
    urgent = await client.heldOrder({
      customer: account,
      holds: [{ ...credit, role: 'credit-manager', priority: 1, dueAt: new Date(now + 5 * HOUR) }],
    });
    overdue = await client.heldOrder({
      customer: account,
      holds: [{ ...credit, role: 'credit-analyst', priority: 2, dueAt: new Date(now - HOUR) }],
    });
    claimed = await client.heldOrder({
      customer: account,
      holds: [
        {
          ...credit,
          role: 'credit-analyst',
          priority: 4,
          dueAt: new Date(now + 3 * HOUR),
          assignee: 'ann',
        },
      ],
    });
    pricing = await client.heldOrder({
      customer: account,
      holds: [{ type: 'pricing', queue: 'pricing-review', role: 'pricing-analyst' }],
    });
    otherAccount = await client.heldOrder({
      holds: [{ ...credit, role: 'credit-analyst', priority: 5, dueAt: null }],
    });
  });
  afterAll(() => client.close());

  it('lists the live tasks of one queue, soonest due first, undated last', async () => {
    const response = await client.listTasks('credit-review');
    expect(response.status).toBe(200);
    expect(ids(response.body.items)).toEqual(
      [overdue, dueSoon, claimed, urgent, otherAccount].map(taskOf),
    );
    expect(response.body.nextCursor).toBeNull();
    expect(ids(response.body.items)).not.toContain(taskOf(pricing));
    const [first] = response.body.items;
    expect(first).toMatchObject({ queue: 'credit-review', status: 'open', overdue: true });
  });

  it('sorts by priority (then due time) when asked', async () => {
    const response = await client.listTasks('credit-review', { sort: 'priority' });
    expect(response.status).toBe(200);
    expect(ids(response.body.items)).toEqual(
      [urgent, overdue, dueSoon, claimed, otherAccount].map(taskOf),
    );
  });

  it.each(['dueAt', 'priority'])(
    'pages through the queue by %s with an opaque cursor, no task twice or missed',
    async (sort) => {
      const all = await client.listTasks('credit-review', { sort });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTasks('credit-review', {
          sort,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page.body.items));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids(all.body.items));
    },
  );

  it('filters by role, assignee, status, overdue and customer', async () => {
    const filtered = async (query: Record<string, unknown>) =>
      ids((await client.listTasks('credit-review', query)).body.items);
    expect(await filtered({ assigneeRole: 'credit-manager' })).toEqual([taskOf(urgent)]);
    expect(await filtered({ assignee: 'ann' })).toEqual([taskOf(claimed)]);
    expect(await filtered({ status: 'claimed' })).toEqual([taskOf(claimed)]);
    expect(await filtered({ status: ['open', 'claimed'], overdue: true })).toEqual([
      taskOf(overdue),
    ]);
    expect(await filtered({ overdue: false })).toEqual(
      [dueSoon, claimed, urgent, otherAccount].map(taskOf),
    );
    expect(await filtered({ customerId: otherAccount.customerId })).toEqual([taskOf(otherAccount)]);
    expect(await filtered({ status: 'completed' })).toEqual([]);
  });

  it('reads a task with its evidence, its order and its hold, and an ETag', async () => {
    const response = await client.getTask(taskOf(dueSoon) ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    expect(response.body).toMatchObject({
      id: taskOf(dueSoon),
      queue: 'credit-review',
      status: 'open',
      priority: 3,
      assigneeRole: 'credit-analyst',
      assignee: null,
      overdue: false,
      subject: { type: 'sales_order', id: dueSoon.order.id },
      evidence: { exposure: '52000.00', limit: '50000.00', overrunPercent: '4' },
      order: {
        id: dueSoon.order.id,
        orderNumber: dueSoon.order.orderNumber,
        customerId: dueSoon.customerId,
        status: 'on_hold',
        total: { amount: '125.00', currency: 'USD' },
      },
      hold: {
        id: dueSoon.holds[0]?.id,
        type: 'credit',
        status: 'open',
        reasonCode: 'CREDIT.LIMIT_EXCEEDED',
        resolvedAt: null,
      },
    });
    expect(new Date(response.body.dueAt).getTime()).toBe(dueSoon.tasks[0]?.slaDueAt?.getTime());
  });

  it('answers 404 for a task that does not exist', async () => {
    const response = await client.getTask(UNKNOWN_ID);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('RESOURCE.NOT_FOUND');
  });

  describe('account restriction', () => {
    it("shows a sales rep only its accounts' tasks, in lists and filters", async () => {
      const rep = salesRep(client.gateway, [dueSoon.customerId]);
      const list = await client.listTasks('credit-review', {}, rep);
      expect(list.status).toBe(200);
      expect(ids(list.body.items)).toEqual([overdue, dueSoon, claimed, urgent].map(taskOf));
      const foreign = await client.listTasks(
        'credit-review',
        { customerId: otherAccount.customerId },
        rep,
      );
      expect(foreign.body.items).toEqual([]);
    });

    it("answers 404 to a sales rep for another account's task, and reads its own", async () => {
      const rep = salesRep(client.gateway, [dueSoon.customerId]);
      const foreign = await client.getTask(taskOf(otherAccount) ?? '', rep);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('RESOURCE.NOT_FOUND');
      const own = await client.getTask(taskOf(dueSoon) ?? '', rep);
      expect(own.status).toBe(200);
      const claim = await client.claim(taskOf(otherAccount) ?? '', rep);
      expect(claim.status).toBe(404);
    });
  });

  describe('bad input names the field', () => {
    it.each([
      [{ sort: 'newest' }, '/query/sort'],
      [{ status: 'waiting' }, '/query/status/0'],
      [{ limit: 0 }, '/query/limit'],
      [{ limit: 201 }, '/query/limit'],
      [{ overdue: 'soon' }, '/query/overdue'],
      [{ customerId: 'acme' }, '/query/customerId'],
      [{ assigneeRole: 'Credit Analyst' }, '/query/assigneeRole'],
      [{ owner: 'ann' }, '/query/owner'],
      [{ cursor: 'not-a-cursor' }, '/query/cursor'],
    ])('rejects %j at %s', async (query, path) => {
      const response = await client.listTasks('credit-review', query);
      expect(response.status).toBe(400);
      expect(fieldErrors(response).map((error) => error.split(' ')[0])).toContain(path);
    });

    it('rejects an unknown queue and a cursor of the other sort order', async () => {
      const queue = await client.listTasks('backlog');
      expect(queue.status).toBe(400);
      expect(fieldErrors(queue)[0]).toMatch(/^\/path\/queue /);
      const page = await client.listTasks('credit-review', { limit: 1 });
      const mixed = await client.listTasks('credit-review', {
        sort: 'priority',
        cursor: page.body.nextCursor,
      });
      expect(mixed.status).toBe(400);
      expect(fieldErrors(mixed)).toEqual(['/query/cursor cursor']);
    });

    it('rejects a task id that is not a uuid', async () => {
      const response = await client.getTask('T-1');
      expect(response.status).toBe(400);
      expect(fieldErrors(response)[0]).toMatch(/^\/path\/taskId /);
    });
  });
});
