import {
  type ExceptionResolution,
  recordIntegrationException,
  resolveExceptions,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../ledger/query-rows';
import { REMITTANCE_FILE_PARKED } from './remittance-file.events';

/**
 * Exception-queue sources of parked files, one per format ('remittance-file:bai2'), so the queue
 * filters them as a group (`source=remittance-file:`) or by format; one replay handler serves
 * the prefix.
 */
export const PARKED_FILE_SOURCE_PREFIX = 'remittance-file:';

/** The entry's stable error code: its resumption failed until its attempts were spent. */
export const PARKED_FILE_ERROR_CODE = 'REMITTANCE_FILE_PARKED';

export function parkedFileSource(format: string): string {
  return `${PARKED_FILE_SOURCE_PREFIX}${format}`;
}

/**
 * A file unparked by a replay and parked again re-opens the replayed entry (its replay count
 * kept), as a dead outbox message does: one entry per file and replay history. Otherwise the
 * parking opens a new entry.
 */
const REOPEN_REPLAYED = `
  UPDATE integration_exceptions
     SET status = 'open', source = $2, error_code = $3, error_detail = $4, payload = $5::jsonb,
         resolved_at = NULL, resolved_by = NULL, resolution_reason = NULL,
         version = version + 1, updated_at = now()
   WHERE kind = 'inbound_event' AND event_type = $6 AND reference = $1 AND status = 'replayed'
  RETURNING id`;

/** What a parked file leaves unattended: payments and their cash, by currency. */
export interface UnattendedCash {
  payments: number;
  amounts: { amount: string; currency: string }[];
}

export interface ParkedFileFacts {
  fileId: string;
  fileName: string;
  format: string;
  attempts: number;
  /** UTC ISO 8601. */
  parkedAt: string;
  lastError: string;
  /** The file's payments whose cash nobody applied, kept on account or has in a task. */
  unattended: UnattendedCash;
}

/** The parked file in the exception queue, in the parking's transaction: operations replay it. */
export async function recordParkedFileException(
  manager: EntityManager,
  parked: ParkedFileFacts,
): Promise<string> {
  const { fileId, fileName, format, attempts, parkedAt, lastError, unattended } = parked;
  const payload = { fileId, fileName, format, attempts, parkedAt, unattended };
  const [reopened] = await queryRows<{ id: string }>(manager, REOPEN_REPLAYED, [
    fileId,
    parkedFileSource(format),
    PARKED_FILE_ERROR_CODE,
    lastError,
    JSON.stringify(payload),
    REMITTANCE_FILE_PARKED,
  ]);
  if (reopened !== undefined) return reopened.id;
  return recordIntegrationException(manager, {
    kind: 'inbound_event',
    source: parkedFileSource(format),
    eventType: REMITTANCE_FILE_PARKED,
    reference: fileId,
    errorCode: PARKED_FILE_ERROR_CODE,
    errorDetail: lastError,
    payload,
  });
}

/**
 * The file's entries in `status` closed, so the queue and the file agree: its `open` ones once
 * it is unparked another way (POST …/resume; `except` is the entry being replayed, which its
 * replay closes), its `replayed` one once the file it unparked is processed.
 */
export function resolveParkedFileExceptions(
  manager: EntityManager,
  fileId: string,
  status: 'open' | 'replayed',
  resolution: ExceptionResolution,
  except?: string,
): Promise<string[]> {
  return resolveExceptions(
    manager,
    {
      kind: 'inbound_event',
      eventType: REMITTANCE_FILE_PARKED,
      reference: fileId,
      statuses: [status],
      except,
    },
    resolution,
  );
}
