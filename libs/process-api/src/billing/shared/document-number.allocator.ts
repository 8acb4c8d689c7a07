import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Invoices issued on shipment are numbered in this series; credit memos in CREDIT_MEMO_SERIES. */
export const INVOICE_SERIES = 'INV';
export const CREDIT_MEMO_SERIES = 'CM';

/**
 * Gap-free numbers per series (see InvoiceNumberSeries): the UPDATE takes the series row lock
 * until the transaction ends, so issuers queue on it and a rollback gives the number back.
 * Take the number as the last write of the transaction to hold the lock as briefly as possible.
 */
@Injectable()
export class DocumentNumberAllocator {
  async next(manager: EntityManager, series: string): Promise<string> {
    const rows = await manager.query<{ number: string }[]>(
      `WITH taken AS (
         UPDATE invoice_number_series
            SET next_number = next_number + 1, version = version + 1, updated_at = now()
          WHERE series = $1
          RETURNING next_number - 1 AS number)
       SELECT number::text AS number FROM taken`,
      [series],
    );
    if (rows.length === 0) throw new Error(`Numbering series ${series} is not set up`);
    return rows[0].number;
  }
}
