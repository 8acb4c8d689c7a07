import {
  IntegrationException,
  type IntegrationExceptionKind,
  type IntegrationExceptionStatus,
} from '@o2c/persistence';
import { In, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';

/** The entries a capability closes because what they describe was dealt with elsewhere. */
export interface ExceptionMatch {
  kind: IntegrationExceptionKind;
  eventType: string;
  reference: string;
  /** `open`, or `replayed` for a replay whose re-queued work has now got through. */
  statuses: readonly Extract<IntegrationExceptionStatus, 'open' | 'replayed'>[];
  /** An entry left alone: the one being replayed, which the replay closes itself. */
  except?: string;
}

export interface ExceptionResolution {
  /** principalKey() of whoever dealt with it, e.g. 'internal:ana'. */
  by: string;
  reason: string;
}

/**
 * Marks the matching entries resolved, in the caller's transaction: e.g. a parked file resumed
 * through its own API, so the queue does not offer a replay that has nothing left to do, or a
 * replayed one once the file got through. Locked and saved through the ORM, so each change is
 * audited like a discard. Answers the ids resolved.
 */
export async function resolveExceptions(
  manager: EntityManager,
  match: ExceptionMatch,
  resolution: ExceptionResolution,
): Promise<string[]> {
  const where: FindOptionsWhere<IntegrationException> = {
    kind: match.kind,
    eventType: match.eventType,
    reference: match.reference,
    status: In([...match.statuses]),
    ...(match.except === undefined ? {} : { id: Not(match.except) }),
  };
  const open = await manager.find(IntegrationException, {
    where,
    order: { createdAt: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const now = new Date();
  for (const exception of open) {
    exception.status = 'resolved';
    exception.resolvedAt = now;
    exception.resolvedBy = resolution.by;
    exception.resolutionReason = resolution.reason;
    await manager.save(exception);
  }
  return open.map((exception) => exception.id);
}
