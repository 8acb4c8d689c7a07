import type { IntegrationExceptionKind } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface IntegrationFailure {
  kind: IntegrationExceptionKind;
  /** e.g. 'wms:dc-east', 'carrier:ups': also what a replay handler registers for. */
  source: string;
  partner?: string | null;
  eventType: string;
  /** The failing message's own id (sender's event id, outbox message id). */
  reference?: string | null;
  /** Stable, e.g. 'ORDER_NOT_FOUND', 'SCHEMA_INVALID'. */
  errorCode: string;
  errorDetail: string;
  payload: Record<string, unknown>;
}

const MAX_DETAIL = 4000;

const INSERT = `
  INSERT INTO integration_exceptions
    (kind, source, partner, event_type, reference, error_code, error_detail, payload)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
  RETURNING id`;

/**
 * Puts a failure in the exception queue. Call it with a manager whose transaction is not the
 * one that failed (that one rolled back): e.g. `dataSource.transaction(m => record(m, ...))`
 * after catching the error, so the entry survives the failure it describes.
 */
export async function recordIntegrationException(
  manager: EntityManager,
  failure: IntegrationFailure,
): Promise<string> {
  const detail =
    failure.errorDetail.length <= MAX_DETAIL
      ? failure.errorDetail
      : `${failure.errorDetail.slice(0, MAX_DETAIL - 1)}…`;
  const [row] = await manager.query<{ id: string }[]>(INSERT, [
    failure.kind,
    failure.source,
    failure.partner ?? null,
    failure.eventType,
    failure.reference ?? null,
    failure.errorCode,
    detail,
    JSON.stringify(failure.payload),
  ]);
  if (!row) throw new Error('the exception-queue entry was not written');
  return row.id;
}
