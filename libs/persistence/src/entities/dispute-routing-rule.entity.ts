import { Column, Entity, Index, Unique } from 'typeorm';
import { CheckPositive, CheckThat } from '../columns/check-constraints';
import { VersionedRecord } from './versioned-record.base';

const TABLE = 'dispute_routing_rules';

/**
 * Who works which disputes and how fast, as policy data: active rules are evaluated in
 * `priority` order (lowest first) and the first whose `condition` matches names the role, the
 * SLA and the task priority. The condition's shape is interpreted by the dispute routing
 * policy in the domain library: { categories, sources, minAmount, maxAmount }.
 */
@Entity({ name: TABLE })
@Unique(['name'])
@Index(['active', 'priority'])
@CheckPositive(TABLE, 'sla_minutes')
@CheckThat(TABLE, 'task_priority_range', 'task_priority BETWEEN 1 AND 5')
export class DisputeRoutingRule extends VersionedRecord {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  condition!: Record<string, unknown>;

  @Column({ type: 'text' })
  role!: string;

  /** Evaluation order, lowest first. */
  @Column({ type: 'integer', default: 100 })
  priority!: number;

  @Column({ type: 'integer' })
  slaMinutes!: number;

  @Column({ type: 'integer', default: 3 })
  taskPriority!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
