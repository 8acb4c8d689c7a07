import type { AllocationLineStatus } from './allocation.types';

/**
 * X12 855 / ASC X12 ACK01 line item status codes: IA item accepted, IC accepted with changes,
 * IB backordered, IS accepted with a substitution, IR rejected.
 */
export type X12LineStatusCode = 'IA' | 'IC' | 'IB' | 'IS' | 'IR';

/** The purchase-order acknowledgement code a partner receives for a planned line. */
export function x12LineStatusCode(status: AllocationLineStatus): X12LineStatusCode {
  switch (status) {
    case 'accepted':
      return 'IA';
    case 'changed':
      return 'IC';
    case 'backordered':
      return 'IB';
    case 'substituted':
      return 'IS';
    case 'rejected':
      return 'IR';
  }
}
