import {
  type ExceptionResolution,
  recordIntegrationException,
  resolveOpenExceptions,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
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

export interface ParkedFileFacts {
  fileId: string;
  fileName: string;
  format: string;
  attempts: number;
  /** UTC ISO 8601. */
  parkedAt: string;
  lastError: string;
}

/** The parked file in the exception queue, in the parking's transaction: operations replay it. */
export function recordParkedFileException(
  manager: EntityManager,
  parked: ParkedFileFacts,
): Promise<string> {
  const { fileId, fileName, format, attempts, parkedAt, lastError } = parked;
  return recordIntegrationException(manager, {
    kind: 'inbound_event',
    source: parkedFileSource(format),
    eventType: REMITTANCE_FILE_PARKED,
    reference: fileId,
    errorCode: PARKED_FILE_ERROR_CODE,
    errorDetail: lastError,
    payload: { fileId, fileName, format, attempts, parkedAt },
  });
}

/**
 * The file's open entries closed once it is unparked another way (POST …/resume), so the queue
 * and the file agree; `except` is the entry being replayed, which its replay closes.
 */
export function resolveParkedFileExceptions(
  manager: EntityManager,
  fileId: string,
  resolution: ExceptionResolution,
  except?: string,
): Promise<string[]> {
  return resolveOpenExceptions(
    manager,
    { kind: 'inbound_event', eventType: REMITTANCE_FILE_PARKED, reference: fileId, except },
    resolution,
  );
}
