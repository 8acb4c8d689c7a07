import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CheckIn, CheckNonNegative, CheckPositive, CheckThat } from '../columns/check-constraints';
import { OrderHold } from './order-hold.entity';
import { VersionedRecord } from './versioned-record.base';

export const WORK_QUEUES = [
  'credit-review',
  'pricing-review',
  'inventory-review',
  'cash-application',
  'dispute',
  'collections',
  'exception',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const RULES = 'approval_routing_rules';

/**
 * Routing is policy data: rules of a queue are evaluated in `priority` order (lowest first);
 * the first whose `condition` matches names the role that gets the task and its SLA.
 * The condition's shape is interpreted by the routing policy in the domain library.
 */
@Entity({ name: RULES })
@Unique(['queue', 'name'])
@Index(['queue', 'active', 'priority'])
@CheckIn(RULES, 'queue', WORK_QUEUES)
@CheckPositive(RULES, 'sla_minutes')
@CheckThat(RULES, 'task_priority_range', 'task_priority BETWEEN 1 AND 5')
export class ApprovalRoutingRule extends VersionedRecord {
  @Column({ type: 'text' })
  queue!: WorkQueue;

  @Column({ type: 'text' })
  name!: string;

  /** e.g. { "reasons": ["CREDIT.LIMIT_EXCEEDED"], "maxOverrunPercent": "10" } (decimal
   *  strings); {} matches everything. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  condition!: Record<string, unknown>;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'integer', default: 100 })
  priority!: number;

  /** Time allowed before the task is overdue; null = the queue's default. */
  @Column({ type: 'integer', nullable: true })
  slaMinutes!: number | null;

  /** Priority (1 is the most urgent) of the tasks the rule routes. */
  @Column({ type: 'integer', default: 3 })
  taskPriority!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

const TASKS = 'tasks';

/** A work-queue item: a person decides, the flow resumes. Priority 1 is the most urgent. */
@Entity({ name: TASKS })
@Index(['queue', 'status', 'slaDueAt'])
@Index(['status', 'assigneeRole'])
@Index(['subjectType', 'subjectId'])
@Index(['createdAt'])
// One live task per hold, even when the hold is processed twice.
@Index(['holdId'], { unique: true, where: "status IN ('open', 'claimed')" })
// One live task per dispute, and per customer in collections: reruns update it, never add one.
@Index(['queue', 'subjectId'], {
  unique: true,
  where: "queue IN ('dispute', 'collections') AND status IN ('open', 'claimed')",
})
@CheckIn(TASKS, 'queue', WORK_QUEUES)
@CheckIn(TASKS, 'status', TASK_STATUSES)
@CheckThat(TASKS, 'priority_range', 'priority BETWEEN 1 AND 5')
@CheckThat(TASKS, 'claimed_has_assignee', "status <> 'claimed' OR assignee IS NOT NULL")
@CheckThat(TASKS, 'completed_is_decided', "status <> 'completed' OR decided_at IS NOT NULL")
@CheckNonNegative(TASKS, 'escalation_level')
// The SLA timer's scan: live tasks by due time.
@Index(['slaDueAt'], { where: "status IN ('open', 'claimed')" })
export class Task extends VersionedRecord {
  @Column({ type: 'text' })
  queue!: WorkQueue;

  @Column({ type: 'text', default: 'open' })
  status!: TaskStatus;

  /** What the task is about, e.g. ('sales_order', <id>) or ('payment', <id>). */
  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  holdId!: string | null;

  @ManyToOne(() => OrderHold, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'hold_id' })
  hold?: OrderHold | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  routingRuleId!: string | null;

  @ManyToOne(() => ApprovalRoutingRule, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'routing_rule_id' })
  routingRule?: ApprovalRoutingRule | null;

  @Column({ type: 'integer', default: 3 })
  priority!: number;

  @Column({ type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

  /** How many times the SLA timer escalated the task (0: never overdue). */
  @Column({ type: 'integer', default: 0 })
  escalationLevel!: number;

  /** When the SLA timer last handled the task; an overdue task whose due time is not after
   *  this has been handled for that due time. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'text' })
  assigneeRole!: string;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  /** Queue-specific outcome such as 'approve' or 'reject'. */
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
