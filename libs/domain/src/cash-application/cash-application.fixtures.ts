import { Decimal } from '../decimal/decimal';
import { decideCashApplication } from './cash-application.engine';
import type {
  CashApplicationPolicy,
  CashApplicationResult,
  CashDecision,
  CustomerCashProfile,
  OpenInvoice,
  PaymentToApply,
  RemittanceAdviceLine,
} from './cash-application.types';

/**
 * Spec support for the cash-application specs (not exported): a customer with a 25.00 / 1 %
 * write-off tolerance, builders for invoices, lines and payments, and a readable view of the
 * decisions ("apply INV-00001001 1000.00 exact-invoice-number full").
 */
export const CUSTOMER = 'C-100';

export function customer(overrides: Partial<CustomerCashProfile> = {}): CustomerCashProfile {
  return {
    customerId: CUSTOMER,
    writeOffTolerance: { absolute: new Decimal('25.00'), percent: new Decimal('1') },
    discountGraceDays: 0,
    ...overrides,
  };
}

export function invoice(
  number: number,
  openBalance: string,
  overrides: Partial<Omit<OpenInvoice, 'total' | 'openBalance'>> & { total?: string } = {},
): OpenInvoice {
  const { total, ...rest } = overrides;
  return {
    invoiceId: `id-${number}`,
    invoiceNumber: `INV-${String(number).padStart(8, '0')}`,
    customerId: CUSTOMER,
    currency: 'USD',
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    total: new Decimal(total ?? openBalance),
    openBalance: new Decimal(openBalance),
    paymentTerms: 'NET30',
    ...rest,
  };
}

export function line(
  lineNumber: number,
  reference: string | null,
  amountPaid: string | null,
  overrides: Partial<{
    discountTaken: string;
    adjustmentAmount: string;
    adjustmentReasonCode: string;
    freeText: string;
  }> = {},
): RemittanceAdviceLine {
  return {
    lineNumber,
    reference,
    amountPaid: amountPaid === null ? null : new Decimal(amountPaid),
    discountTaken: overrides.discountTaken ? new Decimal(overrides.discountTaken) : null,
    adjustmentAmount: overrides.adjustmentAmount ? new Decimal(overrides.adjustmentAmount) : null,
    adjustmentReasonCode: overrides.adjustmentReasonCode ?? null,
    freeText: overrides.freeText ?? null,
  };
}

export function payment(
  amount: string,
  lines: RemittanceAdviceLine[] = [],
  overrides: Partial<Omit<PaymentToApply, 'amount'>> = {},
): PaymentToApply {
  return {
    paymentId: 'P-1',
    amount: new Decimal(amount),
    currency: 'USD',
    valueDate: '2026-03-05',
    lines,
    freeText: [],
    ...overrides,
  };
}

export function decide(
  pay: PaymentToApply,
  invoices: OpenInvoice[],
  profile: CustomerCashProfile | null = customer(),
  policy?: Partial<CashApplicationPolicy>,
): CashApplicationResult {
  return decideCashApplication({ payment: pay, customer: profile, openInvoices: invoices }, policy);
}

/** One readable line per decision, for toEqual. */
export function readable(result: CashApplicationResult): string[] {
  return result.decisions.map(readableDecision);
}

export function readableDecision(decision: CashDecision): string {
  switch (decision.kind) {
    case 'apply': {
      const extras = [
        decision.discount.isZero() ? '' : ` discount ${decision.discount.toFixed(2)}`,
        decision.writeOff.isZero() ? '' : ` write-off ${decision.writeOff.toFixed(2)}`,
      ].join('');
      return `apply ${decision.invoiceNumber} ${decision.amount.toFixed(2)}${extras} ${decision.rule} ${decision.settlement}`;
    }
    case 'deduction':
      return `deduction ${decision.invoiceNumber} ${decision.amount.toFixed(2)} ${decision.category}`;
    case 'on-account':
      return `on-account ${decision.amount.toFixed(2)}`;
    case 'review':
      return `review ${decision.amount.toFixed(2)} ${decision.reviewReason}`;
  }
}

export function totalsOf(result: CashApplicationResult): Record<string, string> {
  return Object.fromEntries(
    Object.entries(result.totals).map(([key, value]) => [key, (value as Decimal).toFixed(2)]),
  );
}
