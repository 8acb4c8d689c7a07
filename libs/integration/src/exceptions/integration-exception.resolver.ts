import { IntegrationException, type IntegrationExceptionKind } from '@o2c/persistence';
import { Not, type EntityManager, type FindOptionsWhere } from 'typeorm';

/** The open entries a capability closes because what they describe was dealt with elsewhere. */
export interface OpenExceptionMatch {
  kind: IntegrationExceptionKind;
  eventType: string;
  reference: string;
  /** An entry left alone: the one being replayed, which the replay closes itself. */
  except?: string;
}

export interface ExceptionResolution {
  /** principalKey() of whoever dealt with it, e.g. 'internal:ana'. */
  by: string;
  reason: string;
}

/**
 * Marks the matching open entries resolved, in the caller's transaction: e.g. a parked file
 * resumed through its own API, so the queue does not offer a replay that has nothing left to
 * do. Locked and saved through the ORM, so each change is audited like a discard. Answers the
 * ids resolved.
 */
export async function resolveOpenExceptions(
  manager: EntityManager,
  match: OpenExceptionMatch,
  resolution: ExceptionResolution,
): Promise<string[]> {
  const where: FindOptionsWhere<IntegrationException> = {
    kind: match.kind,
    eventType: match.eventType,
    reference: match.reference,
    status: 'open',
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
