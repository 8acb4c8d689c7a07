import { Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import { presentMoney } from '@o2c/http';
import { DisputeChangeRunner } from '../change/dispute-change.runner';
import type { ResolveWithCreditMemoBody } from '../dispute.contract';
import { DisputeErrorCode, disputeProblem } from '../disputes.errors';
import {
  DisputeCreditMemoRepository,
  type MemoRow,
} from '../persistence/dispute-credit-memo.repository';
import { recordDisputeEvents } from '../persistence/dispute-journal';
import { invoiceNumberOf } from '../persistence/disputed-invoice.repository';
import type { DisputeDetailView } from '../read/dispute.presenter';

const MEMO_PATH = '/body/creditMemoId';

/**
 * Resolves a live dispute with a credit memo billing issued for its invoice: the memo is
 * checked (this invoice, issued, resolving no other dispute) and linked, the dispute closed as
 * resolved_with_credit_memo, its task completed, the invoice's status recomputed (the memo's
 * credit already lowered its balance), and the outcome published.
 */
@Injectable()
export class ResolveDisputeWithCreditMemoUseCase {
  constructor(
    private readonly changes: DisputeChangeRunner,
    private readonly memos: DisputeCreditMemoRepository,
  ) {}

  execute(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    body: ResolveWithCreditMemoBody,
  ): Promise<DisputeDetailView> {
    return this.changes.run(principal, disputeId, ifMatch, async (change) => {
      const { manager, dispute, invoice } = change;
      DisputeChangeRunner.next(dispute, 'resolve_with_credit_memo');
      const memo = await this.memos.lock(manager, body.creditMemoId);
      assertUsable(
        memo,
        body.creditMemoId,
        dispute.invoiceId,
        dispute.id,
        invoiceNumberOf(invoice),
      );
      if (memo.disputeId === null && !(await this.memos.link(manager, memo, dispute.id))) {
        throw alreadyLinked(memo);
      }
      const task = await this.changes.close(
        change,
        'resolve_with_credit_memo',
        body.comment ?? null,
      );
      await recordDisputeEvents(manager, dispute, task, [
        {
          activity: 'dispute.resolved_with_credit_memo',
          actor: change.actor,
          reason: body.comment ?? null,
          data: {
            creditMemoId: memo.id,
            memoNumber: memo.memoNumber,
            credited: presentMoney(memo.total, memo.currency),
            invoiceNumber: invoiceNumberOf(invoice),
            invoiceStatus: change.invoice.status,
          },
          publish: true,
          related: [{ type: 'credit_memo', id: memo.id, qualifier: 'resolved by' }],
        },
      ]);
    });
  }
}

function assertUsable(
  memo: MemoRow | undefined,
  memoId: string,
  invoiceId: string,
  disputeId: string,
  invoiceNumber: string,
): asserts memo is MemoRow {
  if (!memo) {
    throw disputeProblem(
      DisputeErrorCode.CREDIT_MEMO_NOT_FOUND,
      MEMO_PATH,
      `credit memo ${memoId} does not exist`,
    );
  }
  if (memo.invoiceId !== invoiceId) {
    throw disputeProblem(
      DisputeErrorCode.CREDIT_MEMO_NOT_FOR_INVOICE,
      MEMO_PATH,
      `credit memo ${memo.memoNumber} credits another invoice, not ${invoiceNumber}`,
    );
  }
  if (memo.status !== 'issued') {
    throw disputeProblem(
      DisputeErrorCode.CREDIT_MEMO_VOID,
      MEMO_PATH,
      `credit memo ${memo.memoNumber} is ${memo.status}`,
    );
  }
  if (memo.disputeId !== null && memo.disputeId !== disputeId) throw alreadyLinked(memo);
}

function alreadyLinked(memo: MemoRow) {
  return disputeProblem(
    DisputeErrorCode.CREDIT_MEMO_ALREADY_LINKED,
    MEMO_PATH,
    `credit memo ${memo.memoNumber} already resolves another dispute`,
  );
}
