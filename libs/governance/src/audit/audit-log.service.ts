import { Injectable } from '@nestjs/common';
import { ApiErrorCode, type Page, ProblemException, toPage } from '@o2c/http';
import type { Principal } from '../principal/principal';
import {
  type AuditLogFilter,
  auditLogKeyOf,
  AuditLogRepository,
  type AuditLogRow,
} from './audit-log.repository';

/** An entry as the contract shows it: the instant in milliseconds, like every other time. */
export type AuditEntryView = AuditLogRow;

function present(row: AuditLogRow): AuditEntryView {
  return { ...row, occurredAt: new Date(row.occurredAt).toISOString() };
}

/** Reads of the audit trail for API owners and auditors. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  /**
   * Entries are not scoped to accounts (their images may name any customer), so a principal
   * bound to accounts may not read them at all, whatever its scopes.
   */
  async list(
    principal: Principal | undefined,
    filter: AuditLogFilter,
  ): Promise<Page<AuditEntryView>> {
    if (principal?.customerIds !== 'all') {
      throw new ProblemException(
        ApiErrorCode.FORBIDDEN,
        'the audit log spans every account: only internal staff may read it',
      );
    }
    if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) {
      throw ProblemException.invalid('/query/from', 'range', 'from must not be after to');
    }
    const rows = await this.entries.findPage(filter);
    return toPage(rows, filter.limit, auditLogKeyOf, present);
  }
}
