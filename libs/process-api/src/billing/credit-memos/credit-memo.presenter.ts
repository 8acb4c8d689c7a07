import { Decimal, formatDocumentNumber } from '@o2c/domain';
import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';

/** A credit memo row with its invoice's number and balance (credit-memo.reader.ts). */
export interface CreditMemoRow {
  id: string;
  memoNumber: string;
  invoiceId: string;
  series: string;
  invoiceNumber: string;
  customerId: string;
  reason: string;
  status: string;
  issueDate: string;
  note: string | null;
  currency: string;
  total: string;
  version: number;
  createdAt: Date;
  invoiceTotal: string;
  amountApplied: string;
  amountCredited: string;
  openBalance: string;
}

export interface CreditMemoLineRow {
  id: string;
  memoId: string;
  invoiceLineId: string | null;
  invoiceLineNumber: number | null;
  orderLineId: string | null;
  itemId: string | null;
  sku: string | null;
  quantity: string | null;
  uom: string | null;
  net: string;
  tax: string;
  amount: string;
}

export interface CreditMemoLineView {
  id: string;
  invoiceLineId: string | null;
  invoiceLineNumber: number | null;
  orderLineId: string | null;
  item: { id: string; sku: string } | null;
  quantity: string | null;
  uom: string | null;
  net: MoneyView;
  tax: MoneyView;
  amount: MoneyView;
}

export interface CreditMemoView {
  id: string;
  memoNumber: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  reason: string;
  status: string;
  issueDate: string;
  note: string | null;
  currency: string;
  netTotal: MoneyView;
  taxTotal: MoneyView;
  total: MoneyView;
  lines: CreditMemoLineView[];
  invoiceBalance: {
    total: MoneyView;
    amountApplied: MoneyView;
    amountCredited: MoneyView;
    openBalance: MoneyView;
  };
  version: number;
  createdAt: string;
}

export function presentCreditMemo(memo: CreditMemoRow, lines: CreditMemoLineRow[]): CreditMemoView {
  const money = (amount: string) => presentMoney(amount, memo.currency);
  const sum = (pick: (line: CreditMemoLineRow) => string) =>
    lines.reduce((total, line) => total.plus(new Decimal(pick(line))), new Decimal(0)).toFixed();
  const views = lines.map((line) => presentLine(line, memo.currency));
  // Memos without lines (written by other processes) carry their total as net.
  const netTotal = lines.length === 0 ? memo.total : sum((line) => line.net);
  const taxTotal = lines.length === 0 ? '0' : sum((line) => line.tax);
  return {
    id: memo.id,
    memoNumber: memo.memoNumber,
    invoiceId: memo.invoiceId,
    invoiceNumber: formatDocumentNumber(memo.series, memo.invoiceNumber),
    customerId: memo.customerId,
    reason: memo.reason,
    status: memo.status,
    issueDate: memo.issueDate,
    note: memo.note,
    currency: memo.currency,
    netTotal: money(netTotal),
    taxTotal: money(taxTotal),
    total: money(memo.total),
    lines: views,
    invoiceBalance: {
      total: money(memo.invoiceTotal),
      amountApplied: money(memo.amountApplied),
      amountCredited: money(memo.amountCredited),
      openBalance: money(memo.openBalance),
    },
    version: memo.version,
    createdAt: new Date(memo.createdAt).toISOString(),
  };
}

function presentLine(line: CreditMemoLineRow, currency: string): CreditMemoLineView {
  return {
    id: line.id,
    invoiceLineId: line.invoiceLineId,
    invoiceLineNumber: line.invoiceLineNumber,
    orderLineId: line.orderLineId,
    item: line.itemId === null || line.sku === null ? null : { id: line.itemId, sku: line.sku },
    quantity: line.quantity === null ? null : presentDecimal(line.quantity),
    uom: line.uom,
    net: presentMoney(line.net, currency),
    tax: presentMoney(line.tax, currency),
    amount: presentMoney(line.amount, currency),
  };
}
