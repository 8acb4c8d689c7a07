import { Injectable } from '@nestjs/common';
import {
  actionTowards,
  type DisputeAction,
  isDomainError,
  type PublishedEventType,
} from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import type { ChangeDisputeStatusBody } from '../dispute.contract';
import { problemFromDomain } from '../disputes.errors';
import { recordDisputeEvents } from '../persistence/dispute-journal';
import type { DisputeDetailView } from '../read/dispute.presenter';
import { DisputeChangeRunner } from './dispute-change.runner';

const ACTIVITY: Partial<Record<DisputeAction, PublishedEventType>> = {
  start_review: 'dispute.under_review',
  reopen: 'dispute.reopened',
};

/** Starts the review of an open dispute, or puts one under review back to open, with a comment. */
@Injectable()
export class ChangeDisputeStatusUseCase {
  constructor(private readonly changes: DisputeChangeRunner) {}

  execute(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    body: ChangeDisputeStatusBody,
  ): Promise<DisputeDetailView> {
    return this.changes.run(principal, disputeId, ifMatch, async (change) => {
      const { manager, dispute } = change;
      let action: DisputeAction;
      try {
        action = actionTowards(dispute.status, body.status);
      } catch (error) {
        if (isDomainError(error)) throw problemFromDomain(error, { status: '/status' });
        throw error;
      }
      const from = dispute.status;
      dispute.status = body.status;
      await manager.save(dispute);
      const details = {
        actor: change.actor,
        reason: body.comment,
        data: { from, to: body.status },
      };
      const published = ACTIVITY[action];
      await recordDisputeEvents(manager, dispute, change.task, [
        published
          ? { ...details, activity: published, publish: true }
          : { ...details, activity: `dispute.${body.status}` },
      ]);
    });
  }
}
