import type { CashApplication, RemittanceLine } from '@o2c/persistence';
import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';
import { formatInvoiceNumber } from '../invoices/invoice-number.format';
import { presentInstant } from '../shared/record.presenter';
import type { PaymentRecord } from './payment.repository';

export interface RemittanceLineView {
  id: string;
  lineNumber: number;
  invoiceReference: string | null;
  amount: MoneyView;
  discountTaken: MoneyView;
  adjustmentAmount: MoneyView;
  adjustmentReasonCode: string | null;
  freeText: string | null;
}

export interface CashApplicationView {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  remittanceLineId: string | null;
  amount: MoneyView;
  discountAmount: MoneyView;
  writeOffAmount: MoneyView;
  rule: string;
  confidence: string | null;
  status: string;
  appliedBy: string;
  appliedAt: string;
  reversedAt: string | null;
  reversedBy: string | null;
}

export interface PaymentView {
  id: string;
  customerId: string | null;
  payerName: string | null;
  payerAccount: string | null;
  amount: MoneyView;
  amountApplied: MoneyView;
  unapplied: MoneyView;
  currency: string;
  method: string;
  valueDate: string;
  bankReference: string | null;
  source: string;
  sourceFileId: string | null;
  status: string;
  remittanceLines: RemittanceLineView[];
  cashApplications: CashApplicationView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentPayment({
  payment,
  remittanceLines,
  cashApplications,
}: PaymentRecord): PaymentView {
  const currency = payment.currency;
  return {
    id: payment.id,
    customerId: payment.customerId,
    payerName: payment.payerName,
    payerAccount: payment.payerAccount,
    amount: presentMoney(payment.amount, currency),
    amountApplied: presentMoney(payment.amountApplied, currency),
    unapplied: presentMoney(payment.unapplied, currency),
    currency,
    method: payment.method,
    valueDate: payment.valueDate,
    bankReference: payment.bankReference,
    source: payment.source,
    sourceFileId: payment.sourceFileId,
    status: payment.status,
    remittanceLines: remittanceLines.map((line) => presentRemittanceLine(line, currency)),
    cashApplications: cashApplications.map((application) =>
      presentCashApplication(application, currency),
    ),
    version: payment.version,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

function presentRemittanceLine(line: RemittanceLine, currency: string): RemittanceLineView {
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    invoiceReference: line.invoiceReference,
    amount: presentMoney(line.amount, currency),
    discountTaken: presentMoney(line.discountTaken, currency),
    adjustmentAmount: presentMoney(line.adjustmentAmount, currency),
    adjustmentReasonCode: line.adjustmentReasonCode,
    freeText: line.freeText,
  };
}

function presentCashApplication(
  application: CashApplication,
  currency: string,
): CashApplicationView {
  const invoice = application.invoice;
  return {
    id: application.id,
    invoiceId: application.invoiceId,
    invoiceNumber: invoice ? formatInvoiceNumber(invoice.series, invoice.invoiceNumber) : '',
    remittanceLineId: application.remittanceLineId,
    amount: presentMoney(application.amount, currency),
    discountAmount: presentMoney(application.discountAmount, currency),
    writeOffAmount: presentMoney(application.writeOffAmount, currency),
    rule: application.rule,
    confidence: application.confidence === null ? null : presentDecimal(application.confidence),
    status: application.status,
    appliedBy: application.appliedBy,
    appliedAt: application.createdAt.toISOString(),
    reversedAt: presentInstant(application.reversedAt),
    reversedBy: application.reversedBy,
  };
}
