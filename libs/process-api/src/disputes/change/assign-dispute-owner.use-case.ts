import { Injectable } from '@nestjs/common';
import { ContractRegistry } from '@o2c/contracts';
import { isLiveDispute } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { assertInternalRole } from '../../approval-routing/internal-role.guard';
import type { AssignDisputeBody } from '../dispute.contract';
import { DisputeErrorCode, disputeProblem } from '../disputes.errors';
import { recordDisputeEvents } from '../persistence/dispute-journal';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import type { DisputeDetailView } from '../read/dispute.presenter';
import { DisputeChangeRunner } from './dispute-change.runner';

/**
 * Gives a live dispute its owner: the owner holds its task (claimed), no owner returns the
 * task to its role's queue, a role moves it to that role's queue. The owner is notified
 * (outbox `dispute.assigned`).
 */
@Injectable()
export class AssignDisputeOwnerUseCase {
  constructor(
    private readonly changes: DisputeChangeRunner,
    private readonly tasks: DisputeTaskWriter,
    private readonly contracts: ContractRegistry,
  ) {}

  execute(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    body: AssignDisputeBody,
  ): Promise<DisputeDetailView> {
    if (body.role !== undefined) assertInternalRole(this.contracts, body.role, '/body/role');
    return this.changes.run(principal, disputeId, ifMatch, async (change) => {
      const { manager, dispute, now } = change;
      // Only live disputes have someone working them.
      if (!isLiveDispute(dispute.status)) {
        throw disputeProblem(
          DisputeErrorCode.INVALID_TRANSITION,
          '/status',
          `dispute ${dispute.id} is ${dispute.status}; only live disputes can be assigned`,
        );
      }
      const previousOwner = dispute.owner;
      dispute.owner = body.owner;
      await manager.save(dispute);
      const task = change.task
        ? await this.tasks.assign(manager, change.task, body.owner, body.role, now)
        : null;
      await recordDisputeEvents(manager, dispute, task, [
        {
          activity: 'dispute.assigned',
          actor: change.actor,
          reason: body.comment ?? null,
          data: {
            owner: body.owner,
            previousOwner,
            assigneeRole: task?.assigneeRole ?? body.role ?? null,
            taskId: task?.id ?? null,
          },
          publish: true,
        },
      ]);
    });
  }
}
