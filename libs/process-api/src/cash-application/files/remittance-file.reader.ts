import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from '@o2c/domain';
import { type AccountScope, type Principal, principalKey } from '@o2c/governance';
import { decodeCursor, type Page, presentMoney, ProblemException, toPage } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { FilePaymentsQuery } from '../cash.contract';
import { presentRemittanceFile, type RemittanceFileView } from './remittance-file.presenter';
import { RemittanceFileRepository } from './remittance-file.repository';

interface PaymentSummaryRow {
  id: string;
  status: string;
  customerId: string | null;
  payerName: string | null;
  amount: string;
  amountApplied: string;
  unapplied: string;
  onAccount: string;
  currency: string;
  valueDate: string;
  bankReference: string | null;
  sourceLocation: string | null;
  position: number;
}

/**
 * A file's payments in file order, a page after the position $4: every payment of a file has
 * its own position (unique per file, from 1), so the page is read from the file's index in
 * order and stops at the limit, however many payments the file has.
 */
const FILE_PAYMENTS = `
  SELECT id, status, customer_id AS "customerId", payer_name AS "payerName",
         amount::text AS amount, amount_applied::text AS "amountApplied",
         unapplied::text AS unapplied, on_account::text AS "onAccount", currency,
         value_date::text AS "valueDate", bank_reference AS "bankReference",
         source_location AS "sourceLocation", source_position AS position
    FROM payments
   WHERE source_file_id = $1 AND source_position > COALESCE($4::int, 0)
     AND ($2::uuid[] IS NULL OR customer_id = ANY($2::uuid[]))
     AND ($3::text[] IS NULL OR status = ANY($3::text[]))
   ORDER BY source_position
   LIMIT $5`;

/**
 * Reading imported files. Staff read every file; an account-bound caller (a customer's own
 * system) only the files it imported, and in them only its accounts' payments.
 */
@Injectable()
export class RemittanceFileReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: RemittanceFileRepository,
  ) {}

  async get(principal: Principal, scope: AccountScope, id: string): Promise<RemittanceFileView> {
    return presentRemittanceFile(await this.visible(principal, scope, id), {
      internal: scope === 'all',
    });
  }

  async payments(
    principal: Principal,
    scope: AccountScope,
    id: string,
    query: FilePaymentsQuery,
  ): Promise<Page<Record<string, unknown>>> {
    await this.visible(principal, scope, id);
    // (position in the file, id) of the last payment; the position alone orders the page.
    const after = decodeCursor(query.cursor, ['int', 'uuid']);
    const position = after?.[0] ?? null;
    const rows = await this.dataSource.query<PaymentSummaryRow[]>(FILE_PAYMENTS, [
      id,
      scope === 'all' ? null : [...scope],
      query.status ?? null,
      position,
      query.limit + 1,
    ]);
    return toPage(
      rows,
      query.limit,
      (row) => [row.position, row.id],
      (row) => {
        const money = (amount: string) => presentMoney(amount, row.currency);
        return {
          id: row.id,
          status: row.status,
          customerId: row.customerId,
          payerName: row.payerName,
          amount: money(row.amount),
          amountApplied: money(row.amountApplied),
          onAccount: money(row.onAccount),
          inReview: money(new Decimal(row.unapplied).minus(row.onAccount).toFixed()),
          valueDate: row.valueDate,
          bankReference: row.bankReference,
          sourceLocation: row.sourceLocation,
        };
      },
    );
  }

  private async visible(principal: Principal, scope: AccountScope, id: string) {
    const file = await this.files.find(this.dataSource.manager, id);
    if (!file || (scope !== 'all' && file.importedBy !== principalKey(principal))) {
      throw ProblemException.notFound('remittance file', id);
    }
    return file;
  }
}
