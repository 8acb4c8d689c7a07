import { Decimal } from '@o2c/domain';
import type { CreditMemo, InvoiceLine } from '@o2c/persistence';
import { type MoneyView, presentDecimal, presentMoney, presentUnitPrice } from '@o2c/http';
import {
  type DocumentTotalsView,
  type ItemReferenceView,
  presentItemReference,
  presentTotals,
} from '../shared/record.presenter';
import { formatInvoiceNumber } from './invoice-number.format';
import type { InvoiceRecord } from './invoice.repository';

export interface InvoiceLineView {
  id: string;
  lineNumber: number;
  orderLineId: string;
  item: ItemReferenceView;
  quantity: string;
  uom: string;
  unitPrice: MoneyView;
  lineNet: MoneyView;
  tax: MoneyView;
  lineTotal: MoneyView;
  taxRatePercent: string;
  quantityCredited: string;
  amountCredited: MoneyView;
}

export interface CreditMemoSummaryView {
  id: string;
  memoNumber: string;
  reason: string;
  status: string;
  issueDate: string;
  total: MoneyView;
}

export interface InvoiceView {
  id: string;
  invoiceNumber: string;
  series: string;
  sequenceNumber: string;
  customerId: string;
  orderId: string;
  shipmentId: string | null;
  status: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  paymentTerms: string;
  discountDeadline: string | null;
  discountPercent: string;
  totals: DocumentTotalsView;
  amountApplied: MoneyView;
  amountCredited: MoneyView;
  openBalance: MoneyView;
  lines: InvoiceLineView[];
  creditMemos: CreditMemoSummaryView[];
  taxRegion: string | null;
  shippedToInvoicedMs: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentInvoice({ invoice, lines, creditMemos }: InvoiceRecord): InvoiceView {
  const currency = invoice.currency;
  return {
    id: invoice.id,
    invoiceNumber: formatInvoiceNumber(invoice.series, invoice.invoiceNumber),
    series: invoice.series,
    sequenceNumber: invoice.invoiceNumber,
    customerId: invoice.customerId,
    orderId: invoice.orderId,
    shipmentId: invoice.shipmentId,
    status: invoice.status,
    currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    paymentTerms: invoice.paymentTerms,
    discountDeadline: invoice.discountDeadline,
    discountPercent: presentDecimal(invoice.discountPercent),
    totals: presentTotals(invoice, currency),
    amountApplied: presentMoney(invoice.amountApplied, currency),
    amountCredited: presentMoney(invoice.amountCredited, currency),
    openBalance: presentMoney(invoice.openBalance, currency),
    lines: lines.map((line) => presentLine(line, currency)),
    creditMemos: creditMemos.map(presentCreditMemo),
    taxRegion: invoice.taxRegion,
    shippedToInvoicedMs:
      invoice.shippedToInvoicedMs === null ? null : Number(invoice.shippedToInvoicedMs),
    version: invoice.version,
    createdAt: invoice.createdAt.toISOString(),
    updatedAt: invoice.updatedAt.toISOString(),
  };
}

function presentLine(line: InvoiceLine, currency: string): InvoiceLineView {
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    orderLineId: line.orderLineId,
    item: presentItemReference(line.item, line.itemId),
    quantity: presentDecimal(line.quantity),
    uom: line.orderLine?.uom ?? line.item?.baseUom ?? '',
    unitPrice: presentUnitPrice(line.unitPrice, currency),
    lineNet: presentMoney(line.lineNet, currency),
    tax: presentMoney(line.tax, currency),
    lineTotal: presentMoney(line.lineTotal, currency),
    taxRatePercent: presentDecimal(line.taxRatePercent),
    quantityCredited: presentDecimal(line.quantityCredited),
    amountCredited: presentMoney(
      new Decimal(line.netCredited).plus(new Decimal(line.taxCredited)).toFixed(),
      currency,
    ),
  };
}

function presentCreditMemo(memo: CreditMemo): CreditMemoSummaryView {
  return {
    id: memo.id,
    memoNumber: memo.memoNumber,
    reason: memo.reason,
    status: memo.status,
    issueDate: memo.issueDate,
    total: presentMoney(memo.total, memo.currency),
  };
}
