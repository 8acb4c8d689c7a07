import { Decimal } from '../decimal/decimal';
import type { CurrencyCode } from '../money/currency.table';
import { formatAmount, moneyOf } from '../money/money';

export interface RebillNoticeValues {
  readonly customerName: string;
  readonly disputeNumber: string;
  readonly invoiceNumber: string;
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
  readonly payBy: string;
  readonly reason: string;
}

/**
 * The message a customer receives when a dispute or deduction is rejected and the amount is
 * rebilled: what was rejected, why (the reviewer's comment), and what to pay by when.
 */
export function renderRebillNotice(values: RebillNoticeValues): string {
  const amount = `${formatAmount(moneyOf(new Decimal(values.amount), values.currency))} ${values.currency}`;
  const reason = values.reason.trim().replace(/[.\s]+$/, '');
  return (
    `Dear ${values.customerName}, we have reviewed dispute ${values.disputeNumber} on invoice ` +
    `${values.invoiceNumber} and cannot accept it: ${reason}. The disputed ${amount} remains ` +
    `due; please pay it by ${values.payBy}.`
  );
}
