import { Injectable } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { EntityManager } from 'typeorm';
import { TaskErrorCode } from '../../work-queues/task.errors';
import { CASH_QUEUE, PAYMENT_SUBJECT } from '../application/review-task.writer';
import { type CashActor, cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import { CashInputsRepository, type PaymentInHand } from '../ledger/cash-inputs.repository';
import { CashJournal } from '../ledger/cash-journal';
import {
  presentPaymentCash,
  presentReviewTask,
  type PaymentCashView,
  type ReviewTaskView,
} from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import { assertMayResolveCashTask } from './cash-task.access';
import { type CashTaskRow, CashTaskRepository } from './cash-task.repository';
import { lockPaymentFor } from './locked-payment';

export interface CashTaskContext {
  readonly manager: EntityManager;
  readonly task: CashTaskRow;
  readonly payment: PaymentInHand;
  readonly journal: CashJournal;
  readonly actor: CashActor;
}

export interface CashTaskOutcomeView {
  task: ReviewTaskView;
  payment: PaymentCashView;
}

const TAKE_TASK = `
  UPDATE tasks SET status = 'claimed', assignee = $2, claimed_at = now(),
                   version = version + 1, updated_at = now()
   WHERE id = $1 AND assignee IS NULL`;

const TASK_SUMMARY = `
  SELECT id, status, assignee_role AS "assigneeRole", assignee, priority, sla_due_at AS "dueAt",
         version
    FROM tasks WHERE id = $1`;

/**
 * The frame of every command on a cash-application task, in one transaction: the task must be
 * visible to the caller (404), conditional (If-Match, 428/412), of the cash-application queue
 * (422), the caller allowed to resolve it (403) and the task still live (409). The payment is
 * locked before the task, as every cash command locks them; an unclaimed task becomes the
 * caller's. Answers the task and its payment as they are afterwards.
 */
@Injectable()
export class CashTaskCommand {
  constructor(
    private readonly transactions: CashTransactions,
    private readonly tasks: CashTaskRepository,
    private readonly inputs: CashInputsRepository,
    private readonly reader: PaymentCashReader,
  ) {}

  async execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
    work: (context: CashTaskContext) => Promise<void>,
  ): Promise<CashTaskOutcomeView> {
    const scope = accountScopeOf(principal);
    const actor = cashActorOf(principal);
    const paymentId = await this.transactions.run(async (manager) => {
      const task = await this.tasks.find(manager, scope, taskId);
      if (!task) throw ProblemException.notFound('task', taskId);
      const expected = expectedVersion(ifMatch);
      if (task.queue !== CASH_QUEUE || task.subjectType !== PAYMENT_SUBJECT) {
        throw cashProblem(
          CashErrorCode.NOT_A_CASH_TASK,
          '/path/taskId',
          `task ${taskId} is a ${task.queue} task, not a cash-application task`,
        );
      }
      assertMayResolveCashTask(principal, task);
      const payment = await lockPaymentFor(manager, this.inputs, scope, task.subjectId, undefined);
      const locked = await this.tasks.lock(manager, taskId);
      if (!locked) throw ProblemException.notFound('task', taskId);
      if (locked.version !== expected) throw staleVersion('task', taskId, locked.version);
      if (locked.status !== 'open' && locked.status !== 'claimed') {
        throw new ProblemException(
          TaskErrorCode.ALREADY_DECIDED,
          `task ${taskId} is already ${locked.status}`,
          [{ path: '/status', rule: 'task-undecided', message: `task is ${locked.status}` }],
          { status: 409 },
        );
      }
      if (locked.assignee === null) await manager.query(TAKE_TASK, [taskId, principal.subject]);
      const journal = new CashJournal(actor);
      await work({ manager, task: { ...task, ...locked }, payment, journal, actor });
      await journal.flush(manager);
      return payment.id;
    });
    const [taskRow] = await this.reader.query<Parameters<typeof presentReviewTask>[0][]>(
      TASK_SUMMARY,
      [taskId],
    );
    const record = await this.reader.find('all', paymentId);
    if (!taskRow || !record) throw ProblemException.notFound('task', taskId);
    return { task: presentReviewTask(taskRow), payment: presentPaymentCash(record) };
  }
}
