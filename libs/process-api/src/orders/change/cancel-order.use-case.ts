import { Injectable } from '@nestjs/common';
import { CANCELLABLE_STATUSES } from '@o2c/domain';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { actorOf } from '../flow/flow-actor';
import { FlowSession } from '../flow/flow-session';
import { OrderClosureStep } from '../flow/order-closure.step';
import { OrderLoader } from '../flow/order-loader';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import { ProcessLogRepository } from '../persistence/process-log.repository';
import { OrderProcessErrorCode, wrongOrderState } from '../order-process.errors';
import type { CancelOrderBody } from '../order.contract';
import { type OrderDetailView, OrderDetailReader } from '../read/order-detail.reader';

/**
 * Cancels an order until something ships, in one transaction: reserved stock goes back,
 * holds close, tasks are cancelled, warehouses are told. Ownership is checked before the
 * precondition, so another account's order is "not found" whatever the request carries.
 */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly loader: OrderLoader,
    private readonly closure: OrderClosureStep,
    private readonly log: ProcessLogRepository,
    private readonly reader: OrderDetailReader,
  ) {}

  async execute(
    principal: Principal | undefined,
    orderId: string,
    ifMatch: string | undefined,
    body: CancelOrderBody,
  ): Promise<OrderDetailView> {
    const scope = accountScopeOf(principal);
    await this.records.transaction(async (manager) => {
      const session = new FlowSession(manager, actorOf(principal));
      const flow = await this.loader.lock(manager, scope, orderId);
      if (!flow) throw ProblemException.notFound('order', orderId);
      const expected = expectedVersion(ifMatch);
      if (flow.order.version !== expected) {
        throw staleVersion('order', orderId, flow.order.version);
      }
      if (!CANCELLABLE_STATUSES.includes(flow.order.status)) {
        throw wrongOrderState(
          OrderProcessErrorCode.NOT_CANCELLABLE,
          flow.order,
          'an order can be cancelled until something has shipped',
        );
      }
      await this.closure.cancel(session, flow, body.reason);
      await session.commit(this.records, this.log);
    });
    return this.reader.read('all', orderId);
  }
}
