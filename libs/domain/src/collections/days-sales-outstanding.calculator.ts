import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

export interface DsoInput {
  /** Accounts receivable (open invoice balances) at the end of the period. */
  readonly receivables: Decimal;
  /** Invoiced (credit) sales during the period. */
  readonly creditSales: Decimal;
  /** Length of the period in days, e.g. 90 for a quarter. */
  readonly periodDays: number;
}

/**
 * Days sales outstanding, the standard (period-end) method:
 *
 *     DSO = receivables at period end / credit sales in the period x days in the period
 *
 * rounded half up to one decimal. Null when there were no credit sales: DSO is undefined, and
 * reporting 0 or infinity would mislead. Receivables may be negative (unapplied cash exceeds
 * open invoices), which gives a negative DSO, as it should.
 */
export function daysSalesOutstanding(input: DsoInput): Decimal | null {
  const receivables = finiteDecimal(input.receivables, 'receivables', CODE);
  const sales = finiteDecimal(input.creditSales, 'creditSales', CODE);
  if (!Number.isSafeInteger(input.periodDays) || input.periodDays < 1) {
    throw new DomainError(
      CODE,
      'periodDays must be a whole number of days, at least 1',
      'periodDays',
    );
  }
  if (sales.isNegative()) {
    throw new DomainError(CODE, 'creditSales must not be negative', 'creditSales');
  }
  if (sales.isZero()) return null;
  return receivables.div(sales).times(input.periodDays).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
}

const CODE = DomainErrorCode.COLLECTIONS_INVALID_INPUT;
