import {
  type ApprovalQueue,
  type ApprovalRoutingConditions,
  type ApprovalRoutingRule,
  defaultSlaHours,
  Decimal,
  DomainError,
  validateRoutingRule,
} from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { ApprovalRoutingRule as RoutingRuleRecord } from '@o2c/persistence';

const MINUTES_PER_HOUR = 60;
const DECIMAL_KEYS = [
  'minOverrunPercent',
  'maxOverrunPercent',
  'minOrderTotal',
  'maxOrderTotal',
] as const;

/** The stored rule as the domain's routing policy reads it (`priority` is the evaluation order). */
export function routingRuleOf(record: RoutingRuleRecord): ApprovalRoutingRule {
  return {
    id: record.id,
    queue: record.queue as ApprovalQueue,
    name: record.name,
    order: record.priority,
    role: record.role,
    slaHours:
      // Rows written outside the API may leave sla_minutes empty (as order intake reads them).
      record.slaMinutes === null
        ? defaultSlaHours(record.queue as ApprovalQueue)
        : record.slaMinutes / MINUTES_PER_HOUR,
    priority: record.taskPriority,
    when: conditionsOf(record.condition),
  };
}

/** jsonb holds decimal strings (never floats); the API wrote them, so they parse. */
function conditionsOf(stored: Record<string, unknown>): ApprovalRoutingConditions {
  const when: { -readonly [K in keyof ApprovalRoutingConditions]: ApprovalRoutingConditions[K] } =
    {};
  for (const key of DECIMAL_KEYS) {
    const value = stored[key];
    if (typeof value === 'string') when[key] = new Decimal(value);
  }
  if (Array.isArray(stored.reasons)) {
    when.reasons = stored.reasons.filter((reason): reason is string => typeof reason === 'string');
  }
  return when;
}

/** The condition as stored and shown: decimal strings, only the bounds that are set. */
export function conditionJson(when: ApprovalRoutingConditions): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const key of DECIMAL_KEYS) {
    const value = when[key];
    if (value !== undefined) json[key] = value.toString();
  }
  if (when.reasons !== undefined) json.reasons = [...when.reasons];
  return json;
}

export function applyRoutingRule(record: RoutingRuleRecord, rule: ApprovalRoutingRule): void {
  record.queue = rule.queue;
  record.name = rule.name;
  record.priority = rule.order;
  record.role = rule.role;
  record.slaMinutes = Math.round(rule.slaHours * MINUTES_PER_HOUR);
  record.taskPriority = rule.priority;
  record.condition = conditionJson(rule.when);
}

/** Domain field paths ('when.reasons[1]') as request paths ('/body/when/reasons/1'). */
function bodyPath(field: string | undefined): string {
  if (!field) return '/body';
  return `/body/${field.replace(/\[(\d+)\]/g, '.$1').replaceAll('.', '/')}`;
}

/** The domain's checks of a rule (bands, SLA, priority), failing with the body field to blame. */
export function validatedRule(input: Record<string, unknown>): ApprovalRoutingRule {
  try {
    return validateRoutingRule(input);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw ProblemException.invalid(bodyPath(error.field), error.code, error.message);
  }
}
