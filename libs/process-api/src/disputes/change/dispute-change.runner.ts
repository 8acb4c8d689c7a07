import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DisputeAction, isDomainError, nextDisputeStatus } from '@o2c/domain';
import { accountScopeOf, type Principal, principalKey } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { Dispute, type Task } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { problemFromDomain } from '../disputes.errors';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import {
  type DisputedInvoice,
  DisputedInvoiceRepository,
} from '../persistence/disputed-invoice.repository';
import type { DisputeDetailView } from '../read/dispute.presenter';
import { DisputeReader } from '../read/dispute.reader';

/** What a change of a dispute works on, everything locked. */
export interface DisputeChange {
  manager: EntityManager;
  principal: Principal;
  dispute: Dispute;
  invoice: DisputedInvoice;
  /** Its live task; null once closed (or never routed). */
  task: Task | null;
  actor: string;
  now: Date;
}

const VISIBLE = `SELECT invoice_id AS "invoiceId" FROM disputes WHERE id = $1`;

/**
 * One transaction per change of a dispute: found inside the caller's accounts (404 otherwise,
 * before If-Match is even read), its invoice then the dispute locked (the order every dispute
 * and cash process locks in), the ETag checked (412), then the change; the answer is the
 * dispute as committed.
 */
@Injectable()
export class DisputeChangeRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: DisputedInvoiceRepository,
    private readonly tasks: DisputeTaskWriter,
    private readonly reader: DisputeReader,
  ) {}

  run(
    principal: Principal,
    disputeId: string,
    ifMatch: string | undefined,
    change: (context: DisputeChange) => Promise<void>,
  ): Promise<DisputeDetailView> {
    const scope = accountScopeOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const scoped = scope === 'all' ? '' : ' AND customer_id = ANY($2::uuid[])';
      const visible = await manager.query<{ invoiceId: string }[]>(
        VISIBLE + scoped,
        scope === 'all' ? [disputeId] : [disputeId, [...scope]],
      );
      const invoiceId = visible[0]?.invoiceId;
      if (!invoiceId) throw ProblemException.notFound('dispute', disputeId);
      const expected = expectedVersion(ifMatch);
      const invoice = await this.invoices.lock(manager, invoiceId);
      const dispute = await manager.findOne(Dispute, {
        where: { id: disputeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invoice || !dispute) throw ProblemException.notFound('dispute', disputeId);
      if (dispute.version !== expected) throw staleVersion('dispute', disputeId, dispute.version);
      const task = await this.tasks.live(manager, disputeId);
      await change({
        manager,
        principal,
        dispute,
        invoice,
        task,
        actor: principalKey(principal),
        now: new Date(),
      });
      return this.reader.detail('all', disputeId, manager);
    });
  }

  /** The status `action` leads to, or 409 DISPUTE.INVALID_TRANSITION at /status. */
  static next(dispute: Dispute, action: DisputeAction) {
    try {
      return nextDisputeStatus(dispute.status, action);
    } catch (error) {
      if (isDomainError(error)) throw problemFromDomain(error, { status: '/status' });
      throw error;
    }
  }

  /**
   * Closes the dispute with `action`'s outcome: the dispute final (who, when, why), its task
   * completed with the outcome as decision, the invoice's status recomputed.
   */
  async close(change: DisputeChange, action: DisputeAction, comment: string | null) {
    const { manager, dispute, actor, now } = change;
    dispute.status = DisputeChangeRunner.next(dispute, action);
    dispute.resolvedAt = now;
    dispute.resolvedBy = actor;
    dispute.resolutionComment = comment;
    await manager.save(dispute);
    const task = change.task
      ? await this.tasks.complete(manager, change.task, dispute.status, comment, actor, now)
      : null;
    change.invoice = await this.invoices.settleStatus(manager, change.invoice);
    return task;
  }
}
