import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accountScopeOf, canAccessCustomer, type Principal, principalKey } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { RaiseDisputeBody } from '../dispute.contract';
import type { DisputeDetailView } from '../read/dispute.presenter';
import { DisputeReader } from '../read/dispute.reader';
import { DisputeOpeningService } from './dispute-opening.service';

/**
 * A customer, partner or staff member raises a dispute on an invoice of an account they may
 * see (another account's invoice is "not found"), in one transaction with its task, the
 * invoice's status, its events and its outbox message.
 */
@Injectable()
export class RaiseDisputeUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly opening: DisputeOpeningService,
    private readonly reader: DisputeReader,
  ) {}

  execute(principal: Principal, body: RaiseDisputeBody): Promise<DisputeDetailView> {
    const scope = accountScopeOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const owners = await manager.query<{ customerId: string }[]>(
        'SELECT customer_id AS "customerId" FROM invoices WHERE id = $1',
        [body.invoiceId],
      );
      const customerId = owners[0]?.customerId;
      if (!customerId || !canAccessCustomer(scope, customerId)) {
        throw ProblemException.notFound('invoice', body.invoiceId);
      }
      const { dispute } = await this.opening.open(manager, {
        customerId,
        invoiceId: body.invoiceId,
        paymentId: null,
        amount: body.amount.amount,
        currency: body.amount.currency,
        category: body.category,
        reasonCode: body.reasonCode ?? null,
        description: body.description,
        source: principal.kind === 'internal' ? 'internal' : 'customer',
        raisedBy: principalKey(principal),
        evidence: { channel: principal.kind },
        lines: (body.lines ?? []).map((line) => ({
          invoiceLineId: line.invoiceLineId,
          ...(line.quantity === undefined ? {} : { quantity: line.quantity }),
          ...(line.amount === undefined ? {} : { amount: line.amount }),
          ...(line.note === undefined ? {} : { note: line.note }),
        })),
        countOtherDisputes: true,
      });
      return this.reader.detail('all', dispute.id, manager);
    });
  }
}
