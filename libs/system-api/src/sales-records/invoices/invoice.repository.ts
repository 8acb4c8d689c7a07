import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere, restrictToAccountScope } from '@o2c/governance';
import { CreditMemo, Invoice, InvoiceLine } from '@o2c/persistence';
import { DataSource, In } from 'typeorm';
import { fetchNewestFirst, type KeyedRow } from '../shared/newest-first.keyset';
import { whereGiven } from '../shared/query-filter.builder';
import type { ListInvoicesQuery } from './invoice.contract';

export interface InvoiceRecord {
  invoice: Invoice;
  /** Ordered by line number, each with its item and order line (for the unit). */
  lines: InvoiceLine[];
  creditMemos: CreditMemo[];
}

/**
 * Past due with money still owed; void, written-off and paid invoices never are. An open item
 * (receivable_open_items) past due, so that the overdue ones are found by due date among what
 * is owed, not among every invoice ever issued.
 */
const OVERDUE = `(invoice.id IN (SELECT o.invoice_id FROM receivable_open_items o
                                 WHERE o.due_date < CAST(:asOf AS date))
  AND invoice.open_balance > 0 AND invoice.due_date < CAST(:asOf AS date)
  AND invoice.status NOT IN ('void', 'written_off', 'paid'))`;

@Injectable()
export class InvoiceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only the principal's accounts: a customerId filter outside them yields an empty page. */
  async findPage(
    scope: AccountScope,
    query: ListInvoicesQuery & { asOf: string },
  ): Promise<KeyedRow<InvoiceRecord>[]> {
    const builder = this.dataSource.getRepository(Invoice).createQueryBuilder('invoice');
    restrictToAccountScope(builder, 'invoice.customerId', scope);
    whereGiven(builder, query, 'customerId', 'invoice.customerId = :customerId');
    whereGiven(builder, query, 'orderId', 'invoice.orderId = :orderId');
    whereGiven(builder, query, 'shipmentId', 'invoice.shipmentId = :shipmentId');
    whereGiven(builder, query, 'status', 'invoice.status IN (:...status)');
    whereGiven(builder, query, 'issuedFrom', 'invoice.issueDate >= :issuedFrom');
    whereGiven(builder, query, 'issuedTo', 'invoice.issueDate <= :issuedTo');
    whereGiven(builder, query, 'dueFrom', 'invoice.dueDate >= :dueFrom');
    whereGiven(builder, query, 'dueTo', 'invoice.dueDate <= :dueTo');
    if (query.overdue !== undefined) {
      builder.andWhere(query.overdue ? OVERDUE : `NOT ${OVERDUE}`, { asOf: query.asOf });
    }
    const rows = await fetchNewestFirst(builder, query);
    const records = await this.withDetails(rows.map((row) => row.entity));
    return rows.map((row, index) => ({ key: row.key, entity: records[index] }));
  }

  async findById(scope: AccountScope, id: string): Promise<InvoiceRecord | undefined> {
    const invoice = await this.dataSource.manager.findOne(Invoice, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
    if (!invoice) return undefined;
    const [record] = await this.withDetails([invoice]);
    return record;
  }

  /** Lines and credit memos for a whole page: two queries, whatever its size. */
  private async withDetails(invoices: Invoice[]): Promise<InvoiceRecord[]> {
    if (invoices.length === 0) return [];
    const manager = this.dataSource.manager;
    const invoiceIds = invoices.map((invoice) => invoice.id);
    const [lines, creditMemos] = await Promise.all([
      manager.find(InvoiceLine, {
        where: { invoiceId: In(invoiceIds) },
        relations: { item: true, orderLine: true },
        order: { lineNumber: 'ASC' },
      }),
      manager.find(CreditMemo, {
        where: { invoiceId: In(invoiceIds) },
        order: { issueDate: 'ASC', memoNumber: 'ASC' },
      }),
    ]);
    return invoices.map((invoice) => ({
      invoice,
      lines: lines.filter((line) => line.invoiceId === invoice.id),
      creditMemos: creditMemos.filter((memo) => memo.invoiceId === invoice.id),
    }));
  }
}
