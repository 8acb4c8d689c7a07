import { Injectable } from '@nestjs/common';
import { addDays, compareDates, Decimal, parseCurrency, renderRebillNotice } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { presentMoney, ProblemException } from '@o2c/http';
import { DisputeChangeRunner } from '../change/dispute-change.runner';
import type { RejectDisputeBody } from '../dispute.contract';
import { disputeNumberOf, recordDisputeEvents } from '../persistence/dispute-journal';
import { invoiceNumberOf } from '../persistence/disputed-invoice.repository';
import type { DisputeDetailView } from '../read/dispute.presenter';

/** Days a customer gets to pay a rebilled amount when the reviewer names no date. */
const DEFAULT_PAY_DAYS = 10;

/**
 * Rejects a live dispute: the disputed amount stays due on the invoice (no longer disputed,
 * so dunning resumes), and the customer gets a rebill notice with the reason and a date to
 * pay by (outbox `dispute.rejected_and_rebilled`).
 */
@Injectable()
export class RejectAndRebillDisputeUseCase {
  constructor(private readonly changes: DisputeChangeRunner) {}

  execute(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    body: RejectDisputeBody,
  ): Promise<DisputeDetailView> {
    const today = new Date().toISOString().slice(0, 10);
    const payBy = body.payBy ?? addDays(today, DEFAULT_PAY_DAYS);
    return this.changes.run(principal, disputeId, ifMatch, async (change) => {
      const { manager, dispute, invoice } = change;
      DisputeChangeRunner.next(dispute, 'reject_and_rebill');
      if (compareDates(payBy, today) < 0) {
        throw ProblemException.invalid(
          '/body/payBy',
          'not-in-past',
          `payBy ${payBy} is in the past`,
        );
      }
      const task = await this.changes.close(change, 'reject_and_rebill', body.comment);
      const customer = await manager.query<{ name: string }[]>(
        'SELECT name FROM customers WHERE id = $1',
        [dispute.customerId],
      );
      const message = renderRebillNotice({
        customerName: customer[0]?.name ?? '',
        disputeNumber: disputeNumberOf(dispute.disputeNumber),
        invoiceNumber: invoiceNumberOf(invoice),
        amount: new Decimal(dispute.amount),
        currency: parseCurrency(dispute.currency),
        payBy,
        reason: body.comment,
      });
      await recordDisputeEvents(manager, dispute, task, [
        {
          activity: 'dispute.rejected_and_rebilled',
          actor: change.actor,
          reason: body.comment,
          data: {
            rebill: {
              invoiceId: invoice.id,
              invoiceNumber: invoiceNumberOf(invoice),
              amount: presentMoney(dispute.amount, dispute.currency),
              payBy,
              message,
            },
            invoiceStatus: change.invoice.status,
          },
          publish: true,
        },
      ]);
    });
  }
}
