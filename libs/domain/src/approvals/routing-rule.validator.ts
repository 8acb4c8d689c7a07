import { Decimal, toDecimal } from '../decimal/decimal';
import { tryParseDecimalString } from '../decimal/decimal-string.parser';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import {
  APPROVAL_QUEUES,
  type ApprovalQueue,
  type ApprovalRoutingConditions,
  type ApprovalRoutingRule,
} from './approval-routing.types';

export const SLA_HOURS_MAX = 720;
const CONDITION_KEYS: readonly string[] = [
  'minOverrunPercent',
  'maxOverrunPercent',
  'minOrderTotal',
  'maxOrderTotal',
  'reasons',
];

/**
 * Checks a routing rule managed through the API and returns it typed, thresholds as Decimals.
 * Thresholds may arrive as Decimals, decimal strings ("10.5") or JSON numbers; they must not be
 * negative and each minimum must be below its maximum (an empty band could never match). An
 * unknown condition is refused rather than ignored: a misspelt `minOverunPercent` would
 * otherwise match every order. Other unknown top-level fields (version, active...) are left to
 * the caller. Errors are ROUTING.INVALID_RULE naming the field (`slaHours`, `when.reasons[1]`).
 */
export function validateRoutingRule(input: unknown): ApprovalRoutingRule {
  if (!isRecord(input)) throw invalid('', 'A routing rule must be an object');
  const queue = input.queue;
  if (!(APPROVAL_QUEUES as readonly unknown[]).includes(queue)) {
    throw invalid('queue', `queue must be one of ${APPROVAL_QUEUES.join(', ')}`);
  }
  return {
    id: nonEmptyText(input.id, 'id'),
    queue: queue as ApprovalQueue,
    name: nonEmptyText(input.name, 'name'),
    order: wholeNumber(input.order, 'order', 0, Number.MAX_SAFE_INTEGER),
    role: nonEmptyText(input.role, 'role'),
    slaHours: wholeNumber(input.slaHours, 'slaHours', 1, SLA_HOURS_MAX),
    priority: wholeNumber(input.priority, 'priority', 1, 5),
    when: conditions(input.when ?? {}),
  };
}

function conditions(when: unknown): ApprovalRoutingConditions {
  if (!isRecord(when)) throw invalid('when', 'when must be an object');
  const unknownKey = Object.keys(when).find((key) => !CONDITION_KEYS.includes(key));
  if (unknownKey !== undefined) {
    throw invalid(
      `when.${unknownKey}`,
      `when.${unknownKey} is not a condition; use ${CONDITION_KEYS.join(', ')}`,
    );
  }
  const [minOverrunPercent, maxOverrunPercent] = band(
    when,
    'minOverrunPercent',
    'maxOverrunPercent',
  );
  const [minOrderTotal, maxOrderTotal] = band(when, 'minOrderTotal', 'maxOrderTotal');
  return {
    ...(minOverrunPercent && { minOverrunPercent }),
    ...(maxOverrunPercent && { maxOverrunPercent }),
    ...(minOrderTotal && { minOrderTotal }),
    ...(maxOrderTotal && { maxOrderTotal }),
    ...(when.reasons !== undefined && { reasons: reasonList(when.reasons) }),
  };
}

function band(
  when: Record<string, unknown>,
  minKey: string,
  maxKey: string,
): [Decimal | undefined, Decimal | undefined] {
  const min = threshold(when[minKey], `when.${minKey}`);
  const max = threshold(when[maxKey], `when.${maxKey}`);
  if (min !== undefined && max !== undefined && !min.lessThan(max)) {
    throw invalid(`when.${maxKey}`, `when.${maxKey} must be above when.${minKey}`);
  }
  return [min, max];
}

function threshold(value: unknown, field: string): Decimal | undefined {
  if (value === undefined || value === null) return undefined;
  let parsed: Decimal | undefined;
  if (Decimal.isDecimal(value)) parsed = value.isFinite() ? toDecimal(value) : undefined;
  else if (typeof value === 'number') parsed = tryParseDecimalString(String(value));
  else parsed = tryParseDecimalString(value);
  if (parsed === undefined || parsed.isNegative()) {
    throw invalid(field, `${field} must be a decimal of at least 0, such as "10" or "250000.00"`);
  }
  return parsed;
}

function reasonList(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid('when.reasons', 'when.reasons must be a non-empty list of reason codes');
  }
  return value.map((reason, index) => nonEmptyText(reason, `when.reasons[${index}]`));
}

function nonEmptyText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, `${field} must be a non-empty string`);
  }
  return value;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.ROUTING_INVALID_RULE, message, field || undefined);
}
