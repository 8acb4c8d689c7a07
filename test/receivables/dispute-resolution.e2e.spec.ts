import {
  customerUser,
  fieldErrors,
  ReceivablesClient,
  staff,
  UNKNOWN_ID,
} from './receivables.client';

/** Working a dispute: owner, review, and the three outcomes, each atomic and published. */
describe('disputes: assign, review, resolve, reject and rebill, write off', () => {
  let client: ReceivablesClient;
  let customerId: string;
  const manager = staff('morgan', 'credit-manager');
  const analyst = staff('ana', 'deductions-analyst');

  beforeAll(async () => {
    client = await ReceivablesClient.start();
    customerId = (await client.factory.customer({ name: 'Baltic Bearings' })).id;
  });
  afterAll(() => client.close());

  /** An invoice of 500.00 (350.00 paid) with a dispute of `amount`. */
  async function disputed(amount = '150.00', category = 'pricing') {
    const receivable = await client.openInvoice(customerId, { amountApplied: '350.00' });
    const raised = await client.raise({
      invoiceId: receivable.invoice.id,
      category,
      amount: { amount, currency: 'USD' },
      description: 'Short paid: price should be 25.00',
    });
    expect(raised.status).toBe(201);
    return {
      ...receivable,
      dispute: raised.body as { id: string; disputeNumber: string },
      etag: raised.headers.etag,
    };
  }

  const invoiceRow = async (id: string) =>
    (
      await client.sql<{ status: string; open_balance: string; amount_credited: string }>(
        'SELECT status, open_balance::text, amount_credited::text FROM invoices WHERE id = $1',
        [id],
      )
    )[0];
  const outbox = (id: string) =>
    client.sql<{ event_type: string; payload: Record<string, unknown> }>(
      'SELECT event_type, payload FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence',
      [id],
    );

  describe('conditional changes', () => {
    it('needs If-Match (428), refuses a stale one (412), and finds nothing outside the account (404)', async () => {
      const { dispute } = await disputed('10.00');
      const missing = await client.status(
        dispute.id,
        null,
        { status: 'under_review', comment: 'checking' },
        manager,
      );
      expect(missing.status).toBe(428);
      expect(fieldErrors(missing)).toEqual(['/headers/if-match required']);
      const stale = await client.status(
        dispute.id,
        '"7"',
        { status: 'under_review', comment: 'checking' },
        manager,
      );
      expect(stale.status).toBe(412);
      expect(stale.body.currentETag).toBe('"1"');
      const unknown = await client.status(
        UNKNOWN_ID,
        '"1"',
        { status: 'under_review', comment: 'x' },
        manager,
      );
      expect(unknown.status).toBe(404);
      const other = (await client.factory.customer()).id;
      const foreignRep = {
        subject: 'rep',
        kind: 'sales_rep' as const,
        scopes: ['disputes:read', 'disputes:write'],
        customerIds: [other],
      };
      const foreign = await client.status(
        dispute.id,
        '"1"',
        { status: 'under_review', comment: 'x' },
        foreignRep,
      );
      expect(foreign.status).toBe(404);
      expect((await client.get(dispute.id)).body.status).toBe('open');
    });
  });

  it('assigns an owner: the task is claimed for them, moved to a role, published; closed disputes refuse', async () => {
    const { dispute, etag } = await disputed('20.00');
    const assigned = await client.assign(
      dispute.id,
      etag,
      { owner: 'ana', role: 'deductions-analyst', comment: 'Yours' },
      manager,
    );
    expect(assigned.status).toBe(200);
    expect(assigned.headers.etag).toBe('"2"');
    expect(assigned.body).toMatchObject({
      owner: 'ana',
      task: { status: 'claimed', assignee: 'ana', assigneeRole: 'deductions-analyst' },
    });
    expect(assigned.body.timeline.map((event: { activity: string }) => event.activity)).toEqual([
      'dispute.opened',
      'dispute.assigned',
    ]);
    expect((await outbox(dispute.id)).map((row) => row.event_type)).toEqual([
      'dispute.opened',
      'dispute.assigned',
    ]);
    const released = await client.assign(dispute.id, '"2"', { owner: null }, manager);
    expect(released.body).toMatchObject({ owner: null, task: { status: 'open', assignee: null } });
    const badRole = await client.assign(
      dispute.id,
      '"3"',
      { owner: 'x', role: 'night-shift' },
      manager,
    );
    expect(fieldErrors(badRole)).toEqual(['/body/role internal-role']);
    const closed = await client.reject(dispute.id, '"3"', { comment: 'Not agreed' }, manager);
    expect(closed.status).toBe(200);
    const late = await client.assign(dispute.id, '"4"', { owner: 'ana' }, manager);
    expect([late.status, late.body.code]).toEqual([409, 'DISPUTE.INVALID_TRANSITION']);
  });

  it('moves open <-> under_review with a comment, and refuses other moves with 409 naming the status', async () => {
    const { dispute, etag } = await disputed('20.00');
    const review = await client.status(
      dispute.id,
      etag,
      { status: 'under_review', comment: 'Checking the agreement' },
      analyst,
    );
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({
      status: 'under_review',
      allowedActions: ['reopen', 'resolve_with_credit_memo', 'reject_and_rebill', 'write_off'],
    });
    expect(review.body.timeline.at(-1)).toMatchObject({
      activity: 'dispute.under_review',
      comment: 'Checking the agreement',
      actor: 'internal:ana',
      data: { from: 'open', to: 'under_review' },
    });
    const again = await client.status(
      dispute.id,
      '"2"',
      { status: 'under_review', comment: 'again' },
      analyst,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DISPUTE.INVALID_TRANSITION');
    expect(fieldErrors(again)).toEqual(['/status DISPUTE.INVALID_TRANSITION']);
    expect(
      fieldErrors(await client.status(dispute.id, '"2"', { status: 'under_review' }, analyst)),
    ).toEqual(['/body/comment required']);
    expect(
      fieldErrors(
        await client.status(dispute.id, '"2"', { status: 'written_off', comment: 'x' }, analyst),
      ),
    ).toEqual(['/body/status enum']);
    const back = await client.status(
      dispute.id,
      '"2"',
      { status: 'open', comment: 'Waiting on the customer' },
      analyst,
    );
    expect(back.body.status).toBe('open');
    expect((await outbox(dispute.id)).map((row) => row.event_type)).toEqual([
      'dispute.opened',
      'dispute.under_review',
      'dispute.reopened',
    ]);
  });

  describe('resolve with a credit memo', () => {
    it('refuses memos that are unknown, of another invoice, void or resolving another dispute', async () => {
      const { dispute, etag, invoice } = await disputed('30.00');
      const other = await client.openInvoice(customerId);
      const foreignMemo = await client.factory.creditMemo(other.invoice, '5.00');
      const voidMemo = await client.factory.creditMemo(invoice, '5.00', 'void');
      const cases: [string, number, string][] = [
        [UNKNOWN_ID, 404, '/body/creditMemoId DISPUTE.CREDIT_MEMO_NOT_FOUND'],
        [foreignMemo.id, 422, '/body/creditMemoId DISPUTE.CREDIT_MEMO_NOT_FOR_INVOICE'],
        [voidMemo.id, 422, '/body/creditMemoId DISPUTE.CREDIT_MEMO_VOID'],
      ];
      for (const [creditMemoId, status, error] of cases) {
        const response = await client.resolve(dispute.id, etag, { creditMemoId }, manager);
        expect([response.status, ...fieldErrors(response)]).toEqual([status, error]);
      }
      const memo = await client.factory.creditMemo(invoice, '30.00');
      const second = await disputed('5.00');
      await client.sql('UPDATE credit_memos SET dispute_id = $1 WHERE id = $2', [
        second.dispute.id,
        memo.id,
      ]);
      const linked = await client.resolve(dispute.id, etag, { creditMemoId: memo.id }, manager);
      expect([linked.status, linked.body.code]).toEqual([
        409,
        'DISPUTE.CREDIT_MEMO_ALREADY_LINKED',
      ]);
      expect((await client.get(dispute.id)).body).toMatchObject({ status: 'open', version: 1 });
    });

    it('links the memo, closes the dispute and its task, recomputes the invoice status, publishes', async () => {
      const { dispute, etag, invoice } = await disputed('30.00');
      const memo = await client.factory.creditMemo(invoice, '30.00');
      const resolved = await client.resolve(
        dispute.id,
        etag,
        { creditMemoId: memo.id, comment: 'Agreement price confirmed' },
        manager,
      );
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        status: 'resolved_with_credit_memo',
        resolvedBy: 'internal:morgan',
        resolutionComment: 'Agreement price confirmed',
        allowedActions: [],
        creditMemo: {
          id: memo.id,
          memoNumber: memo.memoNumber,
          total: { amount: '30.00', currency: 'USD' },
        },
        task: { status: 'completed' },
        invoice: { status: 'partially_paid', openBalance: { amount: '120.00', currency: 'USD' } },
      });
      expect(
        (await client.sql('SELECT dispute_id FROM credit_memos WHERE id = $1', [memo.id]))[0],
      ).toEqual({ dispute_id: dispute.id });
      expect(
        (await client.sql('SELECT decision FROM tasks WHERE subject_id = $1', [dispute.id]))[0],
      ).toEqual({ decision: 'resolved_with_credit_memo' });
      expect((await outbox(dispute.id)).at(-1)).toMatchObject({
        event_type: 'dispute.resolved_with_credit_memo',
        payload: { memoNumber: memo.memoNumber },
      });
      const after = await client.writeOff(dispute.id, '"2"', { comment: 'again' }, manager);
      expect([after.status, after.body.code]).toEqual([409, 'DISPUTE.INVALID_TRANSITION']);
    });
  });

  it('rejects and rebills: the amount stays due, dunning may resume, the customer gets the notice', async () => {
    const { dispute, etag, invoice } = await disputed('40.00', 'promotion');
    expect(
      fieldErrors(
        await client.reject(dispute.id, etag, { comment: 'x', payBy: '2020-01-01' }, manager),
      ),
    ).toEqual(['/body/payBy not-in-past']);
    const rejected = await client.reject(
      dispute.id,
      etag,
      { comment: 'No promotion was agreed for this period', payBy: '2099-01-31' },
      manager,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected_and_rebilled',
      task: { status: 'completed' },
      invoice: { status: 'partially_paid', openBalance: { amount: '150.00' } },
    });
    const [event] = (await outbox(dispute.id)).slice(-1);
    expect(event).toMatchObject({
      event_type: 'dispute.rejected_and_rebilled',
      payload: {
        rebill: {
          invoiceId: invoice.id,
          amount: { amount: '40.00', currency: 'USD' },
          payBy: '2099-01-31',
        },
      },
    });
    expect((event?.payload.rebill as { message: string }).message).toBe(
      `Dear Baltic Bearings, we have reviewed dispute ${dispute.disputeNumber} on invoice ${rejected.body.invoice.invoiceNumber} and cannot accept it: No promotion was agreed for this period. The disputed 40.00 USD remains due; please pay it by 2099-01-31.`,
    );
    expect((await invoiceRow(invoice.id))?.status).toBe('partially_paid');
  });

  describe('write off', () => {
    it('refuses beyond the caller authority and changes nothing', async () => {
      const { invoice } = await client.openInvoice(customerId, {
        lines: [{ quantity: '10', unitPrice: '100.00' }],
      });
      const raised = await client.raise({
        invoiceId: invoice.id,
        category: 'damage',
        amount: { amount: '750.00', currency: 'USD' },
        description: 'Pallet crushed',
      });
      const dispute = raised.body as { id: string };
      const refused = await client.writeOff(
        dispute.id,
        '"1"',
        { comment: 'small' },
        staff('carl', 'credit-analyst'),
      );
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('DISPUTE.WRITE_OFF_AUTHORITY');
      expect(refused.body.detail).toBe(
        'Writing off 750 needs more authority than a write-off limit of 500 (credit-analyst)',
      );
      expect(fieldErrors(refused)).toEqual(['/amount DISPUTE.WRITE_OFF_AUTHORITY']);
      const noRole = await client.writeOff(
        dispute.id,
        '"1"',
        { comment: 'x' },
        staff('ops', 'operations'),
      );
      expect(noRole.status).toBe(403);
      expect(await invoiceRow(invoice.id)).toEqual({
        status: 'disputed',
        open_balance: '1000.0000',
        amount_credited: '0.0000',
      });
      expect(
        await client.sql('SELECT id FROM credit_memos WHERE dispute_id = $1', [dispute.id]),
      ).toEqual([]);
      const allowed = await client.writeOff(
        dispute.id,
        '"1"',
        { comment: 'ok' },
        staff('dee', 'finance-director'),
      );
      expect(allowed.status).toBe(200);
      expect(allowed.body.invoice.openBalance.amount).toBe('250.00');
    });

    it('takes the amount off the open balance with a write-off memo, atomically, within authority', async () => {
      const { dispute, etag, invoice } = await disputed('150.00');
      const written = await client.writeOff(
        dispute.id,
        etag,
        { comment: 'Not worth pursuing' },
        manager,
      );
      expect(written.status).toBe(200);
      const number = dispute.disputeNumber.slice('DSP-'.length);
      expect(written.body).toMatchObject({
        status: 'written_off',
        creditMemo: {
          memoNumber: `WO-${number}`,
          reason: 'write_off',
          total: { amount: '150.00', currency: 'USD' },
        },
        invoice: { status: 'paid', openBalance: { amount: '0.00', currency: 'USD' } },
        task: { status: 'completed' },
      });
      expect(await invoiceRow(invoice.id)).toEqual({
        status: 'paid',
        open_balance: '0.0000',
        amount_credited: '150.0000',
      });
      expect((await outbox(dispute.id)).at(-1)).toMatchObject({
        event_type: 'dispute.written_off',
        payload: { writtenOff: { amount: '150.00', currency: 'USD' }, authority: 'credit-manager' },
      });
      const audit = await client.sql<{ object_type: string }>(
        `SELECT DISTINCT object_type FROM audit_log WHERE correlation_id = $1`,
        [written.headers['x-request-id']],
      );
      expect(audit.map((row) => row.object_type).sort()).toEqual([
        'credit_memos',
        'disputes',
        'invoices',
        'tasks',
      ]);
    });

    it('refuses when less is open than disputed (paid meanwhile) and writes no memo', async () => {
      const { dispute, etag, invoice } = await disputed('100.00');
      // Cash applied after the dispute was raised leaves 50.00 open.
      await client.sql(
        `UPDATE invoices SET amount_applied = amount_applied + 100, open_balance = open_balance - 100 WHERE id = $1`,
        [invoice.id],
      );
      const refused = await client.writeOff(dispute.id, etag, { comment: 'x' }, manager);
      expect([refused.status, refused.body.code]).toEqual([409, 'DISPUTE.OPEN_BALANCE_TOO_LOW']);
      expect(
        await client.sql('SELECT id FROM credit_memos WHERE dispute_id = $1', [dispute.id]),
      ).toEqual([]);
      expect((await client.get(dispute.id)).body.status).toBe('open');
    });
  });

  it('reads and changes dispute routing policy, which routes the disputes raised afterwards', async () => {
    const rules = client.checked(
      'listDisputeRoutingRules',
      await client.agent().get('/process/v1/dispute-routing-rules'),
    );
    expect(rules.body.items.map((rule: { name: string }) => rule.name)).toEqual([
      'Disputes of 10,000 or more',
      'Shortage and damage claims',
      'Other disputes and deductions',
    ]);
    const other = rules.body.items[2] as { id: string; version: number };
    const patch = (body: Record<string, unknown>, etag: string) =>
      client
        .agent()
        .patch(`/process/v1/dispute-routing-rules/${other.id}`)
        .set('if-match', etag)
        .send(body);
    const bad = client.checked(
      'updateDisputeRoutingRule',
      await patch({ when: { minAmount: '10', maxAmount: '5' } }, `"${other.version}"`),
    );
    expect(fieldErrors(bad)).toEqual(['/body/when/maxAmount above-minimum']);
    const taken = client.checked(
      'updateDisputeRoutingRule',
      await patch({ name: 'Shortage and damage claims' }, `"${other.version}"`),
    );
    expect([taken.status, ...fieldErrors(taken)]).toEqual([409, '/body/name unique']);
    const changed = client.checked(
      'updateDisputeRoutingRule',
      await patch({ slaHours: 24, priority: 2, role: 'credit-analyst' }, `"${other.version}"`),
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ slaHours: 24, priority: 2, role: 'credit-analyst' });
    const { dispute } = await disputed('5.00', 'other');
    expect((await client.get(dispute.id)).body.task).toMatchObject({
      assigneeRole: 'credit-analyst',
      priority: 2,
    });
    const stale = client.checked(
      'updateDisputeRoutingRule',
      await patch({ active: false }, `"${other.version}"`),
    );
    expect(stale.status).toBe(412);
    const customer = client.checked(
      'listDisputeRoutingRules',
      await client.agent(customerUser(customerId)).get('/process/v1/dispute-routing-rules'),
    );
    expect(customer.status).toBe(403);
  });
});
