import { Injectable } from '@nestjs/common';
import { AuditTrail, auditImage } from '@o2c/governance';
import { CreditMemo } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface MemoRow {
  id: string;
  memoNumber: string;
  invoiceId: string;
  disputeId: string | null;
  status: string;
  reason: string;
  total: string;
  currency: string;
  version: number;
}

/**
 * Credit memos as disputes use them: link an issued memo of the invoice (the billing API issues
 * them and takes their credit off the invoice), and write a write-off memo. The memo tables'
 * shape is billing's; only dispute_id is set here, and the write-off memo is a header only.
 */
@Injectable()
export class DisputeCreditMemoRepository {
  constructor(private readonly audit: AuditTrail) {}

  async lock(manager: EntityManager, memoId: string): Promise<MemoRow | undefined> {
    const rows = await manager.query<MemoRow[]>(
      `SELECT id, memo_number AS "memoNumber", invoice_id AS "invoiceId",
              dispute_id AS "disputeId", status, reason, total::text AS total, currency, version
         FROM credit_memos WHERE id = $1 FOR UPDATE`,
      [memoId],
    );
    return rows[0];
  }

  /** Links the memo to the dispute, guarded: only while it resolves no dispute yet. */
  async link(manager: EntityManager, memo: MemoRow, disputeId: string): Promise<boolean> {
    const rows = await manager.query<{ version: number }[]>(
      `WITH linked AS (
         UPDATE credit_memos SET dispute_id = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND dispute_id IS NULL RETURNING version)
       SELECT version FROM linked`,
      [memo.id, disputeId],
    );
    const row = rows[0];
    if (!row) return false;
    await this.audit.record(manager, {
      objectType: 'credit_memos',
      objectId: memo.id,
      before: auditImage({ disputeId: null, version: memo.version }),
      after: auditImage({ disputeId, version: row.version }),
    });
    return true;
  }

  /** The write-off memo of a dispute: reason write_off, numbered after the dispute. */
  async insertWriteOff(
    manager: EntityManager,
    memo: {
      memoNumber: string;
      invoiceId: string;
      customerId: string;
      disputeId: string;
      total: string;
      currency: string;
      issueDate: string;
    },
  ): Promise<CreditMemo> {
    return manager.save(
      manager.create(CreditMemo, {
        ...memo,
        reason: 'write_off',
        status: 'issued',
      }),
    );
  }
}
