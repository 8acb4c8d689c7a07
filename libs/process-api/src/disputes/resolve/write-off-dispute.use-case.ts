import { Injectable } from '@nestjs/common';
import { assertWriteOffAuthority, Decimal, isDomainError } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { presentMoney } from '@o2c/http';
import { DisputeChangeRunner } from '../change/dispute-change.runner';
import type { WriteOffDisputeBody } from '../dispute.contract';
import { DisputeErrorCode, disputeProblem, problemFromDomain } from '../disputes.errors';
import { DisputeCreditMemoRepository } from '../persistence/dispute-credit-memo.repository';
import { disputeNumberOf, recordDisputeEvents } from '../persistence/dispute-journal';
import {
  DisputedInvoiceRepository,
  invoiceNumberOf,
} from '../persistence/disputed-invoice.repository';
import type { DisputeDetailView } from '../read/dispute.presenter';

/**
 * Writes the disputed amount off, within the caller's authority, in one transaction: a
 * write-off memo (reason write_off, numbered WO-<dispute number>) takes the amount off the
 * invoice's open balance through a guarded statement (never below zero), the dispute closes
 * as written_off, its task completes, the invoice's status follows its balance.
 */
@Injectable()
export class WriteOffDisputeUseCase {
  constructor(
    private readonly changes: DisputeChangeRunner,
    private readonly memos: DisputeCreditMemoRepository,
    private readonly invoices: DisputedInvoiceRepository,
  ) {}

  execute(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    body: WriteOffDisputeBody,
  ): Promise<DisputeDetailView> {
    return this.changes.run(principal, disputeId, ifMatch, async (change) => {
      const { manager, dispute, now } = change;
      DisputeChangeRunner.next(dispute, 'write_off');
      const amount = new Decimal(dispute.amount);
      let grantedBy: string | null;
      try {
        grantedBy = assertWriteOffAuthority(principal.roles, amount).grantedBy;
      } catch (error) {
        if (isDomainError(error)) throw problemFromDomain(error, { amount: '/amount' });
        throw error;
      }
      const memoNumber = `WO-${disputeNumberOf(dispute.disputeNumber).slice('DSP-'.length)}`;
      const memo = await this.memos.insertWriteOff(manager, {
        memoNumber,
        invoiceId: dispute.invoiceId,
        customerId: dispute.customerId,
        disputeId: dispute.id,
        total: amount.toFixed(),
        currency: dispute.currency,
        issueDate: now.toISOString().slice(0, 10),
      });
      const credited = await this.invoices.credit(manager, change.invoice, amount.toFixed());
      if (!credited) {
        const open = presentMoney(change.invoice.openBalance, change.invoice.currency);
        throw disputeProblem(
          DisputeErrorCode.OPEN_BALANCE_TOO_LOW,
          '/invoice/openBalance',
          `only ${open.amount} ${open.currency} is open on invoice ${invoiceNumberOf(change.invoice)}; resolve the dispute another way`,
        );
      }
      change.invoice = credited;
      const task = await this.changes.close(change, 'write_off', body.comment);
      await recordDisputeEvents(manager, dispute, task, [
        {
          activity: 'dispute.written_off',
          actor: change.actor,
          reason: body.comment,
          data: {
            writtenOff: presentMoney(dispute.amount, dispute.currency),
            creditMemoId: memo.id,
            memoNumber,
            authority: grantedBy,
            invoiceNumber: invoiceNumberOf(change.invoice),
            invoiceOpenBalance: presentMoney(change.invoice.openBalance, change.invoice.currency),
            invoiceStatus: change.invoice.status,
          },
          publish: true,
          related: [{ type: 'credit_memo', id: memo.id, qualifier: 'written off by' }],
        },
      ]);
    });
  }
}
