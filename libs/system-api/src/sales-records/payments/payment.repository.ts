import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere, restrictToAccountScope } from '@o2c/governance';
import { CashApplication, Payment, RemittanceLine } from '@o2c/persistence';
import { DataSource, In } from 'typeorm';
import { fetchNewestFirst, type KeyedRow } from '../shared/newest-first.keyset';
import { whereGiven } from '../shared/query-filter.builder';
import type { ListPaymentsQuery } from './payment.contract';

export interface PaymentRecord {
  payment: Payment;
  remittanceLines: RemittanceLine[];
  /** Each with its invoice (for the printed invoice number). */
  cashApplications: CashApplication[];
}

/** Cash left to apply; a reversed payment has none, whatever its columns say. */
const UNAPPLIED = "(payment.unapplied > 0 AND payment.status <> 'reversed')";

@Injectable()
export class PaymentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only the principal's accounts: a customerId filter outside them yields an empty page, and
   *  a payment from a payer not yet identified (no customer) is seen by 'all' principals only. */
  async findPage(
    scope: AccountScope,
    query: ListPaymentsQuery,
  ): Promise<KeyedRow<PaymentRecord>[]> {
    const builder = this.dataSource.getRepository(Payment).createQueryBuilder('payment');
    restrictToAccountScope(builder, 'payment.customerId', scope);
    whereGiven(builder, query, 'customerId', 'payment.customerId = :customerId');
    whereGiven(builder, query, 'status', 'payment.status IN (:...status)');
    whereGiven(builder, query, 'receivedFrom', 'payment.valueDate >= :receivedFrom');
    whereGiven(builder, query, 'receivedTo', 'payment.valueDate <= :receivedTo');
    if (query.unapplied !== undefined) {
      builder.andWhere(query.unapplied ? UNAPPLIED : `NOT ${UNAPPLIED}`);
    }
    const rows = await fetchNewestFirst(builder, query);
    const records = await this.withDetails(rows.map((row) => row.entity));
    return rows.map((row, index) => ({ key: row.key, entity: records[index] }));
  }

  async findById(scope: AccountScope, id: string): Promise<PaymentRecord | undefined> {
    const payment = await this.dataSource.manager.findOne(Payment, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
    if (!payment) return undefined;
    const [record] = await this.withDetails([payment]);
    return record;
  }

  /** Remittance lines and cash applications for a whole page: two queries, whatever its size. */
  private async withDetails(payments: Payment[]): Promise<PaymentRecord[]> {
    if (payments.length === 0) return [];
    const manager = this.dataSource.manager;
    const paymentIds = payments.map((payment) => payment.id);
    const [remittanceLines, cashApplications] = await Promise.all([
      manager.find(RemittanceLine, {
        where: { paymentId: In(paymentIds) },
        order: { lineNumber: 'ASC' },
      }),
      manager.find(CashApplication, {
        where: { paymentId: In(paymentIds) },
        relations: { invoice: true },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return payments.map((payment) => ({
      payment,
      remittanceLines: remittanceLines.filter((line) => line.paymentId === payment.id),
      cashApplications: cashApplications.filter(
        (application) => application.paymentId === payment.id,
      ),
    }));
  }
}
