import { Injectable } from '@nestjs/common';
import {
  type CurrencyCode,
  type Decimal,
  formatAmount,
  moneyOf,
  type ReviewDecision,
  routeCashReview,
  slaDueAt,
} from '@o2c/domain';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { type CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { queryRows } from '../ledger/query-rows';

export const CASH_QUEUE = 'cash-application';
export const PAYMENT_SUBJECT = 'payment';

/** The cash of one payment still waiting for a person, and why. */
export interface PaymentReview {
  readonly paymentId: string;
  readonly customerId: string | null;
  readonly payerName: string | null;
  readonly currency: string;
  readonly paymentAmount: Decimal;
  /** Unapplied cash not kept on account, after this command. Zero completes the task. */
  readonly inReview: Decimal;
  readonly reviews: readonly ReviewDecision[];
}

/** A suggestion as the task's evidence keeps it (amounts as display strings). */
export interface TaskSuggestion {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  amount: string;
  discount: string;
  writeOff: string;
  rule: string;
  confidence: number;
  reasons: readonly string[];
}

interface LiveTask {
  id: string;
  subjectId: string;
  status: string;
  version: number;
  evidence: Record<string, unknown>;
}

const LIVE_TASKS = `
  WITH found AS (
    -- One probe of the subject index per payment (OFFSET 0 keeps it a probe), not a walk of
    -- the whole open queue comparing each task with every payment of the batch.
    SELECT t.id FROM unnest($1::uuid[]) AS p(id)
    CROSS JOIN LATERAL (
      SELECT id FROM tasks
       WHERE subject_type = '${PAYMENT_SUBJECT}' AND subject_id = p.id
         AND queue = '${CASH_QUEUE}' AND status IN ('open', 'claimed') OFFSET 0
    ) AS t
  )
  SELECT id, subject_id AS "subjectId", status, version, evidence FROM tasks
   WHERE id IN (SELECT id FROM found)
     AND queue = '${CASH_QUEUE}' AND status IN ('open', 'claimed')
   ORDER BY id FOR UPDATE`;

const INSERT_TASKS = `
  INSERT INTO tasks (queue, status, subject_type, subject_id, priority, sla_due_at, assignee_role,
                     evidence)
  SELECT '${CASH_QUEUE}', 'open', '${PAYMENT_SUBJECT}', t.subject_id, t.priority, t.due,
         t.role, t.evidence
    FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::jsonb[])
      AS t(subject_id, priority, due, role, evidence)
  RETURNING id, subject_id AS "subjectId", version`;

const UPDATE_TASKS = `
  UPDATE tasks t SET evidence = u.evidence, priority = u.priority,
                     version = t.version + 1, updated_at = now()
    FROM unnest($1::uuid[], $2::jsonb[], $3::int[]) AS u(id, evidence, priority)
   WHERE t.id = u.id
  RETURNING t.id, t.version`;

const COMPLETE_TASKS = `
  UPDATE tasks SET status = 'completed', decision = $2, decision_comment = $3, decided_by = $4,
                   decided_at = now(), assignee = COALESCE(assignee, $4),
                   claimed_at = COALESCE(claimed_at, now()),
                   version = version + 1, updated_at = now()
   WHERE id = ANY($1::uuid[])
  RETURNING id, subject_id AS "subjectId", version`;

/**
 * One task per payment in the cash-application queue while any of its cash waits for a person:
 * opened with the role, priority and SLA of the routing policy, its evidence replaced as the
 * cash moves (what is in review, ranked suggestions with their reasons), completed once nothing
 * is left in review. The payment's row lock (taken by every cash command) keeps it to one task.
 */
@Injectable()
export class ReviewTaskWriter {
  constructor(private readonly audit: AuditTrail) {}

  async sync(
    manager: EntityManager,
    reviews: readonly PaymentReview[],
    journal: CashJournal,
    actor: CashActor,
    options: { decision?: string; comment?: string | null } = {},
  ): Promise<Map<string, string>> {
    const taskIds = new Map<string, string>();
    if (reviews.length === 0) return taskIds;
    const live = new Map(
      (
        await manager.query<LiveTask[]>(LIVE_TASKS, [reviews.map((review) => review.paymentId)])
      ).map((task) => [task.subjectId, task]),
    );
    const now = new Date();
    const toOpen: PaymentReview[] = [];
    const toUpdate: { task: LiveTask; review: PaymentReview }[] = [];
    const toComplete: LiveTask[] = [];
    for (const review of reviews) {
      const task = live.get(review.paymentId);
      if (!review.inReview.greaterThan(0)) {
        if (task) toComplete.push(task);
      } else if (task) {
        toUpdate.push({ task, review });
        taskIds.set(review.paymentId, task.id);
      } else {
        toOpen.push(review);
      }
    }
    await this.open(manager, toOpen, now, journal, taskIds);
    await this.update(manager, toUpdate);
    await this.complete(manager, toComplete, actor, journal, options);
    return taskIds;
  }

  private async open(
    manager: EntityManager,
    reviews: PaymentReview[],
    now: Date,
    journal: CashJournal,
    taskIds: Map<string, string>,
  ): Promise<void> {
    if (reviews.length === 0) return;
    const routed = reviews.map((review) =>
      routeCashReview(
        review.inReview,
        review.reviews.map((decision) => decision.reviewReason),
      ),
    );
    const evidence = reviews.map((review) => JSON.stringify(taskEvidence(review)));
    const rows = await manager.query<{ id: string; subjectId: string; version: number }[]>(
      INSERT_TASKS,
      [
        reviews.map((review) => review.paymentId),
        routed.map((route) => route.priority),
        routed.map((route) => slaDueAt(now.toISOString(), route.slaHours)),
        routed.map((route) => route.role),
        evidence,
      ],
    );
    rows.forEach((row, index) => {
      taskIds.set(row.subjectId, row.id);
      const review = reviews[index];
      journal.record(PAYMENT_OBJECT, row.subjectId, 'payment.queued_for_review', {
        data: {
          taskId: row.id,
          inReview: review ? show(review.inReview, review.currency) : null,
          reasons: review?.reviews.map((decision) => decision.reviewReason) ?? [],
        },
        related: [{ type: 'task', id: row.id, qualifier: 'review' }],
      });
    });
    if (!this.audit.isRecording()) return;
    for (const [index, row] of rows.entries()) {
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: row.id,
        before: null,
        after: auditImage({
          id: row.id,
          queue: CASH_QUEUE,
          status: 'open',
          subjectType: PAYMENT_SUBJECT,
          subjectId: row.subjectId,
          assigneeRole: routed[index]?.role,
          priority: routed[index]?.priority,
          version: row.version,
        }),
      });
    }
  }

  private async update(
    manager: EntityManager,
    updates: { task: LiveTask; review: PaymentReview }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    const priorities = updates.map(
      ({ review }) =>
        routeCashReview(
          review.inReview,
          review.reviews.map((decision) => decision.reviewReason),
        ).priority,
    );
    await manager.query(UPDATE_TASKS, [
      updates.map(({ task }) => task.id),
      updates.map(({ review }) => JSON.stringify(taskEvidence(review))),
      priorities,
    ]);
    for (const { task } of updates) {
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: task.id,
        before: auditImage({ id: task.id, status: task.status, version: task.version }),
        after: auditImage({ id: task.id, status: task.status, version: task.version + 1 }),
      });
    }
  }

  private async complete(
    manager: EntityManager,
    tasks: LiveTask[],
    actor: CashActor,
    journal: CashJournal,
    options: { decision?: string; comment?: string | null },
  ): Promise<void> {
    if (tasks.length === 0) return;
    const decision = options.decision ?? 'applied';
    const rows = await queryRows<{ id: string; subjectId: string; version: number }>(
      manager,
      COMPLETE_TASKS,
      [tasks.map((task) => task.id), decision, options.comment ?? null, actor.subject],
    );
    for (const row of rows) {
      journal.record('task', row.id, 'task.completed', {
        data: { queue: CASH_QUEUE, decision, comment: options.comment ?? null },
        related: [{ type: PAYMENT_OBJECT, id: row.subjectId, qualifier: 'subject' }],
      });
      const before = tasks.find((task) => task.id === row.id);
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: row.id,
        before: auditImage({ id: row.id, status: before?.status, version: before?.version }),
        after: auditImage({ id: row.id, status: 'completed', decision, version: row.version }),
      });
    }
  }
}

function show(amount: Decimal, currency: string): string {
  return formatAmount(moneyOf(amount, currency as CurrencyCode));
}

/** The task's evidence: the cash in review, each review with its ranked suggestions (s1, s2...). */
export function taskEvidence(review: PaymentReview): Record<string, unknown> {
  let next = 0;
  const currency = review.currency;
  return {
    paymentId: review.paymentId,
    customerId: review.customerId,
    payerName: review.payerName,
    currency,
    paymentAmount: show(review.paymentAmount, currency),
    inReview: show(review.inReview, currency),
    reviews: review.reviews.map((decision, index) => ({
      id: `r${index + 1}`,
      amount: show(decision.amount, currency),
      reviewReason: decision.reviewReason,
      rule: decision.rule,
      confidence: decision.confidence,
      reasons: decision.reasons,
      evidence: decision.evidence,
      lineNumber: decision.lineNumber,
      suggestions: decision.suggestions.map((suggestion): TaskSuggestion => {
        next += 1;
        return {
          id: `s${next}`,
          invoiceId: suggestion.invoiceId,
          invoiceNumber: suggestion.invoiceNumber,
          customerId: suggestion.customerId,
          amount: show(suggestion.amount, currency),
          discount: show(suggestion.discount, currency),
          writeOff: show(suggestion.writeOff, currency),
          rule: suggestion.rule,
          confidence: suggestion.confidence,
          reasons: suggestion.reasons,
        };
      }),
    })),
  };
}

/** The suggestions a task's evidence holds, by id. */
export function suggestionsOf(evidence: Record<string, unknown>): Map<string, TaskSuggestion> {
  const reviews = Array.isArray(evidence.reviews) ? (evidence.reviews as unknown[]) : [];
  const found = new Map<string, TaskSuggestion>();
  for (const review of reviews) {
    const suggestions = (review as { suggestions?: unknown }).suggestions;
    if (!Array.isArray(suggestions)) continue;
    for (const suggestion of suggestions as TaskSuggestion[]) found.set(suggestion.id, suggestion);
  }
  return found;
}
