import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compareDates, Decimal, isDomainError, parseMoney } from '@o2c/domain';
import {
  type AccountScope,
  accountScopeOf,
  canAccessCustomer,
  currentAuditContext,
  type Principal,
  principalKey,
} from '@o2c/governance';
import { decodeCursor, type Page, ProblemException, toPage } from '@o2c/http';
import { OutboxMessage, PaymentPromise, ProcessEvent } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type PaymentPromiseBody,
  type PaymentPromisesQuery,
  todayUtc,
} from '../collections.contract';
import {
  type PaymentPromiseRow,
  type PaymentPromiseView,
  presentPaymentPromise,
  PROMISE_SELECT,
} from './payment-promise.presenter';

/**
 * Payment promises of a customer: recorded by collectors (the customer's own currency, a date
 * not in the past), logged and published to the account manager; settled by dunning runs and
 * queue refreshes. Another account's customer is "not found".
 */
@Injectable()
export class PaymentPromisesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    principal: Principal,
    customerId: string,
    body: PaymentPromiseBody,
  ): Promise<PaymentPromiseView> {
    const scope = accountScopeOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const currency = await this.customerCurrency(manager, scope, customerId);
      let amount: string;
      try {
        amount = parseMoney(body.amount.amount, body.amount.currency).amount.toFixed();
      } catch (error) {
        if (isDomainError(error)) {
          const field = error.field === 'currency' ? 'currency' : 'amount';
          throw ProblemException.invalid(`/body/amount/${field}`, error.code, error.message);
        }
        throw error;
      }
      if (body.amount.currency !== currency) {
        throw ProblemException.invalid(
          '/body/amount/currency',
          'customer-currency',
          `the customer is billed in ${currency}, not ${body.amount.currency}`,
        );
      }
      if (!new Decimal(amount).greaterThan(0)) {
        throw ProblemException.invalid(
          '/body/amount/amount',
          'exclusiveMinimum',
          'must be above zero',
        );
      }
      if (compareDates(body.promisedDate, todayUtc()) < 0) {
        throw ProblemException.invalid(
          '/body/promisedDate',
          'not-in-past',
          'the date is in the past',
        );
      }
      const actor = principalKey(principal);
      const promise = await manager.save(
        manager.create(PaymentPromise, {
          customerId,
          amount,
          currency,
          promisedDate: body.promisedDate,
          status: 'open',
          recordedBy: actor,
          note: body.note ?? null,
          amountPaid: null,
          settledAt: null,
        }),
      );
      await this.log(manager, promise, actor);
      const rows = await manager.query<PaymentPromiseRow[]>(`${PROMISE_SELECT} WHERE id = $1`, [
        promise.id,
      ]);
      return presentPaymentPromise(rows[0]);
    });
  }

  async list(
    principal: Principal | undefined,
    customerId: string,
    query: PaymentPromisesQuery,
  ): Promise<Page<PaymentPromiseView>> {
    await this.customerCurrency(this.dataSource.manager, accountScopeOf(principal), customerId);
    const parameters: unknown[] = [customerId];
    let where = 'customer_id = $1';
    if (query.status) {
      parameters.push(query.status);
      where += ` AND status = $${parameters.length}`;
    }
    // (created_at as PostgreSQL writes it, id) of the last promise.
    const after = decodeCursor(query.cursor, ['postgres-timestamp', 'uuid']);
    if (after) {
      parameters.push(after[0], after[1]);
      where += ` AND (created_at, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`;
    }
    parameters.push(query.limit + 1);
    const rows = await this.dataSource.query<PaymentPromiseRow[]>(
      `${PROMISE_SELECT} WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    return toPage(rows, query.limit, (row) => [row.createdAtKey, row.id], presentPaymentPromise);
  }

  /** The customer's billing currency, or 404 outside the caller's accounts. */
  private async customerCurrency(
    manager: EntityManager,
    scope: AccountScope,
    customerId: string,
  ): Promise<string> {
    const rows = await manager.query<{ currency: string }[]>(
      'SELECT currency FROM customers WHERE id = $1',
      [customerId],
    );
    const currency = rows[0]?.currency;
    if (!currency || !canAccessCustomer(scope, customerId)) {
      throw ProblemException.notFound('customer', customerId);
    }
    return currency;
  }

  private async log(manager: EntityManager, promise: PaymentPromise, actor: string) {
    const correlationId = currentAuditContext()?.correlationId ?? null;
    const data = {
      promiseId: promise.id,
      customerId: promise.customerId,
      amount: { amount: promise.amount, currency: promise.currency },
      promisedDate: promise.promisedDate,
      note: promise.note,
    };
    await manager.save(
      manager.create(ProcessEvent, {
        objectType: 'payment_promise',
        objectId: promise.id,
        activity: 'payment_promise.recorded',
        actor,
        data,
        relatedObjects: [{ type: 'customer', id: promise.customerId, qualifier: 'promised by' }],
        correlationId,
      }),
    );
    await manager.save(
      manager.create(OutboxMessage, {
        aggregateType: 'payment_promise',
        aggregateId: promise.id,
        eventType: 'collections.promise_recorded',
        payload: { eventType: 'collections.promise_recorded', ...data, actor },
        headers: correlationId ? { correlationId } : {},
      }),
    );
  }
}
