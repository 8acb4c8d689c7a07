import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { assertRange } from '../shared/range-filter.guard';
import type { ListPaymentsQuery } from './payment.contract';
import { type PaymentView, presentPayment } from './payment.presenter';
import { PaymentRepository } from './payment.repository';

/** Canonical payment reads. */
@Injectable()
export class PaymentsService {
  constructor(private readonly payments: PaymentRepository) {}

  async list(scope: AccountScope, query: ListPaymentsQuery): Promise<Page<PaymentView>> {
    assertRange(query, 'receivedFrom', 'receivedTo', 'date');
    const rows = await this.payments.findPage(scope, query);
    return toPage(
      rows,
      query.limit,
      (row) => row.key,
      (row) => presentPayment(row.entity),
    );
  }

  async get(scope: AccountScope, id: string): Promise<PaymentView> {
    const record = await this.payments.findById(scope, id);
    if (!record) throw ProblemException.notFound('payment', id);
    return presentPayment(record);
  }
}
