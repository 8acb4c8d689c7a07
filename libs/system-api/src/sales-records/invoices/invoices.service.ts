import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { assertRange } from '../shared/range-filter.guard';
import type { ListInvoicesQuery } from './invoice.contract';
import { type InvoiceView, presentInvoice } from './invoice.presenter';
import { InvoiceRepository } from './invoice.repository';

/** Canonical invoice reads. */
@Injectable()
export class InvoicesService {
  constructor(private readonly invoices: InvoiceRepository) {}

  async list(scope: AccountScope, query: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    assertRange(query, 'issuedFrom', 'issuedTo', 'date');
    assertRange(query, 'dueFrom', 'dueTo', 'date');
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    const rows = await this.invoices.findPage(scope, { ...query, asOf });
    return toPage(
      rows,
      query.limit,
      (row) => row.key,
      (row) => presentInvoice(row.entity),
    );
  }

  async get(scope: AccountScope, id: string): Promise<InvoiceView> {
    const record = await this.invoices.findById(scope, id);
    if (!record) throw ProblemException.notFound('invoice', id);
    return presentInvoice(record);
  }
}
