import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectionRisk, Decimal } from '@o2c/domain';
import { type AccountScope, canAccessCustomer } from '@o2c/governance';
import { presentMoney, ProblemException } from '@o2c/http';
import { DataSource } from 'typeorm';
import { presentAgingRow } from '../aging/aging.presenter';
import {
  type AgingRowRecord,
  agingStatement,
  agingTotalsSql,
} from '../aging/receivables-aging.query';
import { todayUtc } from '../collections.contract';
import {
  type DunningNoticeRow,
  NOTICE_SELECT,
  presentDunningNotice,
} from '../dunning/dunning-notice.presenter';
import {
  type PaymentPromiseRow,
  presentPaymentPromise,
  PROMISE_SELECT,
} from '../promises/payment-promise.presenter';
import { CollectionFiguresRepository } from '../queue/collection-figures.repository';

interface CustomerRow {
  id: string;
  customerNumber: string;
  name: string;
  riskTier: string;
  creditLimit: string;
  currency: string;
  accountManager: string | null;
}

const RECENT = 10;

/** One customer's collections picture as of a day; another account's customer is "not found". */
@Injectable()
export class CustomerCollectionsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: CollectionFiguresRepository,
  ) {}

  async read(scope: AccountScope, customerId: string, asOfParameter?: string) {
    const asOf = asOfParameter ?? todayUtc();
    const manager = this.dataSource.manager;
    const customers = await manager.query<CustomerRow[]>(
      `SELECT id, customer_number AS "customerNumber", name, risk_tier AS "riskTier",
              credit_limit::text AS "creditLimit", currency, account_manager AS "accountManager"
         FROM customers WHERE id = $1`,
      [customerId],
    );
    const customer = customers[0];
    if (!customer || !canAccessCustomer(scope, customerId)) {
      throw ProblemException.notFound('customer', customerId);
    }
    const aging = agingStatement({ asOf, scope: 'all', customerId });
    const [agingRows, figures, disputes, promises, notices, tasks] = await Promise.all([
      manager.query<AgingRowRecord[]>(agingTotalsSql(aging.cte), aging.parameters),
      this.figures.find(manager, asOf, [customerId]),
      manager.query<{ currency: string; count: number; amount: string }[]>(
        `SELECT currency, count(*)::int AS count, sum(amount)::text AS amount FROM disputes
          WHERE customer_id = $1 AND status IN ('open', 'under_review')
          GROUP BY currency ORDER BY currency`,
        [customerId],
      ),
      manager.query<PaymentPromiseRow[]>(
        `${PROMISE_SELECT} WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${RECENT}`,
        [customerId],
      ),
      manager.query<DunningNoticeRow[]>(
        `${NOTICE_SELECT} WHERE n.customer_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT ${RECENT}`,
        [customerId],
      ),
      manager.query<
        {
          id: string;
          status: string;
          assigneeRole: string;
          assignee: string | null;
          priority: number;
          slaDueAt: Date | null;
          version: number;
        }[]
      >(
        `SELECT id, status, assignee_role AS "assigneeRole", assignee, priority,
                sla_due_at AS "slaDueAt", version
           FROM tasks WHERE queue = 'collections' AND subject_id = $1
            AND status IN ('open', 'claimed')`,
        [customerId],
      ),
    ]);
    const figure = figures[0];
    const risk = collectionRisk({
      oldestOverdueDays: figure?.oldestOverdueDays ?? 0,
      amountOverdue: new Decimal(figure?.amountOverdue ?? 0),
      creditLimit: new Decimal(customer.creditLimit),
      brokenPromises: figure?.brokenPromises ?? 0,
      openDisputes: figure?.openDisputes ?? 0,
      lastDunningLevel: figure?.lastDunningLevel ?? 0,
      riskTier: customer.riskTier,
    });
    const task = tasks[0];
    return {
      customer: {
        id: customer.id,
        customerNumber: customer.customerNumber,
        name: customer.name,
        riskTier: customer.riskTier,
        creditLimit: presentMoney(customer.creditLimit, customer.currency),
        accountManager: customer.accountManager,
      },
      asOf,
      aging: agingRows.map(presentAgingRow),
      risk,
      openDisputes: {
        count: disputes.reduce((sum, row) => sum + row.count, 0),
        amounts: disputes.map((row) => presentMoney(row.amount, row.currency)),
      },
      lastDunningLevel: figure?.lastDunningLevel ?? 0,
      promises: promises.map(presentPaymentPromise),
      notices: notices.map(presentDunningNotice),
      task: task
        ? {
            id: task.id,
            status: task.status,
            assigneeRole: task.assigneeRole,
            assignee: task.assignee,
            priority: task.priority,
            dueAt: task.slaDueAt?.toISOString() ?? null,
            version: task.version,
          }
        : null,
    };
  }
}
