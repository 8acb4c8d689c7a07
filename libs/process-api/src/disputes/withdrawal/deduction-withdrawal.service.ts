import { Injectable } from '@nestjs/common';
import { type DisputeStatus, isLiveDispute } from '@o2c/domain';
import { type Principal, principalKey } from '@o2c/governance';
import { presentMoney } from '@o2c/http';
import { Dispute, type Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { type DisputeChange, DisputeChangeRunner } from '../change/dispute-change.runner';
import { recordDisputeEvents } from '../persistence/dispute-journal';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import {
  type DisputedInvoice,
  DisputedInvoiceRepository,
  invoiceNumberOf,
} from '../persistence/disputed-invoice.repository';

/** A cash application just reversed: the short payment it posted no longer stands. */
export interface UnappliedShortPayment {
  applicationId: string;
  paymentId: string;
  invoiceId: string;
  /** The reversal's reason, kept as the withdrawn deductions' resolution comment. */
  reason: string;
}

/** A deduction the reversal left as it is: already worked to an outcome. */
export interface DeductionLeft {
  disputeId: string;
  status: DisputeStatus;
}

export interface DeductionWithdrawal {
  /** The deductions withdrawn, in the order they were opened. */
  withdrawn: string[];
  /** Deductions of the payment on the invoice already final: a person has to look at them. */
  left: DeductionLeft[];
  /** The invoice's status once its disputes were settled. */
  invoiceStatus: string;
}

/**
 * Withdraws the deductions a short payment opened on an invoice once cash application reverses
 * the application that posted it, inside the reversal's transaction: each live deduction of
 * that payment on that invoice (source 'deduction', never a dispute a customer or staff raised)
 * closes as withdrawn with its task completed, the invoice's status follows its balances and
 * the disputes still live, and each is published as `dispute.withdrawn`. A deduction already
 * resolved, rebilled or written off keeps its outcome: what it did to the invoice stands until
 * a person undoes it, so it is reported rather than touched.
 */
@Injectable()
export class DeductionWithdrawalService {
  constructor(
    private readonly changes: DisputeChangeRunner,
    private readonly invoices: DisputedInvoiceRepository,
    private readonly tasks: DisputeTaskWriter,
  ) {}

  /** The invoice must already be locked by the caller (invoice, then disputes, then tasks). */
  async withdraw(
    manager: EntityManager,
    principal: Principal,
    unapplied: UnappliedShortPayment,
  ): Promise<DeductionWithdrawal> {
    const invoice = await this.invoices.lock(manager, unapplied.invoiceId);
    const deductions = await this.lockDeductions(manager, unapplied);
    if (!invoice || deductions.length === 0) {
      return { withdrawn: [], left: [], invoiceStatus: invoice?.status ?? 'issued' };
    }
    const live = deductions.filter((dispute) => isLiveDispute(dispute.status));
    const left = deductions
      .filter((dispute) => !isLiveDispute(dispute.status))
      .map((dispute) => ({ disputeId: dispute.id, status: dispute.status }));
    const now = new Date();
    let settled: DisputedInvoice = invoice;
    const closed: { dispute: Dispute; from: DisputeStatus; task: Task | null }[] = [];
    for (const dispute of live) {
      const change = await this.changeOf(manager, principal, dispute, settled, now);
      const from = dispute.status;
      const task = await this.changes.close(change, 'withdraw', unapplied.reason);
      settled = change.invoice;
      closed.push({ dispute, from, task });
    }
    for (const { dispute, from, task } of closed) {
      await this.recordWithdrawn(manager, principal, dispute, from, task, settled, unapplied);
    }
    return {
      withdrawn: closed.map(({ dispute }) => dispute.id),
      left,
      invoiceStatus: settled.status,
    };
  }

  /** The payment's deductions on the invoice, locked, oldest first. */
  private lockDeductions(manager: EntityManager, unapplied: UnappliedShortPayment) {
    return manager.find(Dispute, {
      where: {
        paymentId: unapplied.paymentId,
        invoiceId: unapplied.invoiceId,
        source: 'deduction',
      },
      order: { disputeNumber: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async changeOf(
    manager: EntityManager,
    principal: Principal,
    dispute: Dispute,
    invoice: DisputedInvoice,
    now: Date,
  ): Promise<DisputeChange> {
    return {
      manager,
      principal,
      dispute,
      invoice,
      task: await this.tasks.live(manager, dispute.id),
      actor: principalKey(principal),
      now,
    };
  }

  private recordWithdrawn(
    manager: EntityManager,
    principal: Principal,
    dispute: Dispute,
    from: DisputeStatus,
    task: Task | null,
    invoice: DisputedInvoice,
    unapplied: UnappliedShortPayment,
  ): Promise<void> {
    return recordDisputeEvents(manager, dispute, task, [
      {
        activity: 'dispute.withdrawn',
        actor: principalKey(principal),
        reason: unapplied.reason,
        data: {
          from,
          withdrawn: presentMoney(dispute.amount, dispute.currency),
          applicationId: unapplied.applicationId,
          invoiceNumber: invoiceNumberOf(invoice),
          invoiceOpenBalance: presentMoney(invoice.openBalance, invoice.currency),
          invoiceStatus: invoice.status,
        },
        publish: true,
        related: [
          { type: 'cash_application', id: unapplied.applicationId, qualifier: 'withdrawn by' },
        ],
      },
    ]);
  }
}
