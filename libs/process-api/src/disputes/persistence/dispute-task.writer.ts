import { Injectable } from '@nestjs/common';
import { type DisputeRoutingRule, slaDueAt } from '@o2c/domain';
import { Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

/** Tasks about disputes carry this subject type; the dispute's customer owns them. */
export const DISPUTE_SUBJECT = 'dispute';
export const DISPUTE_QUEUE = 'dispute';

export interface DisputeTaskFacts {
  disputeId: string;
  evidence: Record<string, unknown>;
}

/**
 * The dispute's task in the 'dispute' work queue (the work-queue Task model: claim, reassign
 * and read it through /process/v1/tasks). One live task per dispute (a partial unique index);
 * the dispute's own commands keep it in step: assigning the owner claims it for them, closing
 * the dispute completes it with the outcome as its decision.
 */
@Injectable()
export class DisputeTaskWriter {
  async open(
    manager: EntityManager,
    facts: DisputeTaskFacts,
    rule: DisputeRoutingRule,
    now: Date,
  ): Promise<Task> {
    return manager.save(this.build(manager, facts, rule, now));
  }

  /** The new task, not yet written (open() saves it; deductions in bulk insert many). */
  build(
    manager: EntityManager,
    facts: DisputeTaskFacts,
    rule: DisputeRoutingRule,
    now: Date,
  ): Task {
    return manager.create(Task, {
      queue: DISPUTE_QUEUE,
      status: 'open',
      subjectType: DISPUTE_SUBJECT,
      subjectId: facts.disputeId,
      holdId: null,
      routingRuleId: null,
      priority: rule.priority,
      slaDueAt: new Date(slaDueAt(now.toISOString(), rule.slaHours)),
      assigneeRole: rule.role,
      assignee: null,
      claimedAt: null,
      evidence: {
        ...facts.evidence,
        routing: { ruleId: rule.id, rule: rule.name, slaHours: rule.slaHours },
      },
    });
  }

  /** The live task of a dispute, locked. */
  live(manager: EntityManager, disputeId: string): Promise<Task | null> {
    return manager.findOne(Task, {
      where: [
        { queue: DISPUTE_QUEUE, subjectId: disputeId, status: 'open' },
        { queue: DISPUTE_QUEUE, subjectId: disputeId, status: 'claimed' },
      ],
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The owner holds the task (claimed); no owner puts it back in its role's queue. */
  async assign(
    manager: EntityManager,
    task: Task,
    owner: string | null,
    role: string | undefined,
    now: Date,
  ): Promise<Task> {
    if (role !== undefined) task.assigneeRole = role;
    task.assignee = owner;
    task.status = owner === null ? 'open' : 'claimed';
    task.claimedAt = owner === null ? null : now;
    return manager.save(task);
  }

  /** Completes the task with the dispute's outcome as its decision. */
  async complete(
    manager: EntityManager,
    task: Task,
    decision: string,
    comment: string | null,
    decidedBy: string,
    now: Date,
  ): Promise<Task> {
    task.status = 'completed';
    task.decision = decision;
    task.decisionComment = comment;
    task.decidedBy = decidedBy;
    task.decidedAt = now;
    if (task.assignee === null) {
      task.assignee = decidedBy;
      task.claimedAt = now;
    }
    return manager.save(task);
  }
}
