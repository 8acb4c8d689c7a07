import type { PublishedEventType } from '@o2c/domain';

/** The event log's object type for remittance files (as payments name their source file). */
export const REMITTANCE_FILE_OBJECT = 'remittance_file';

export const REMITTANCE_FILE_PARKED: PublishedEventType = 'remittance_file.parked';

/** In the process event log only: a person's decision, nothing for subscribers to act on. */
export const REMITTANCE_FILE_UNPARKED = 'remittance_file.unparked';
