import {
  Decimal,
  earlyPaymentDiscount,
  formatAmount,
  formatDocumentNumber,
  moneyOf,
  parseCurrency,
  parsePaymentTerms,
} from '@o2c/domain';
import type { PostalAddress } from '@o2c/persistence';
import type { InvoiceDocumentHeader, InvoiceDocumentLine } from './invoice-document.repository';
import { x12UnitCode } from './x12-unit.codes';

export interface Party810 {
  /** N101: BT bill-to, ST ship-to, SF ship-from. */
  entityIdentifierCode: 'BT' | 'ST' | 'SF';
  name: string;
  /** N103: 91 = assigned by the seller, 92 = assigned by the buyer. */
  identificationCodeQualifier: '91' | '92';
  identificationCode: string;
  address: PostalAddress | null;
}

export interface Line810 {
  /** IT101: the invoice line number. */
  assignedIdentification: string;
  quantityInvoiced: string;
  /** IT103, X12 unit code (CA for cases). */
  unitOfMeasure: string;
  unitPrice: string;
  /** IT106-IT109: VN = our SKU, BP = the buyer's part number. */
  productIds: { qualifier: 'VN' | 'BP'; value: string }[];
  /** PID05. */
  description: string;
  /** The order line this bills (the buyer's PO line). */
  purchaseOrderLineNumber: number;
  /** TXI per line: sales tax. */
  tax: { taxTypeCode: 'ST'; amount: string; percent: string };
  lineNet: string;
  lineTotal: string;
}

/**
 * The canonical JSON of an X12 810 invoice: the transaction set's segments with readable
 * names, amounts as decimal strings in the invoice currency. x12-810.writer.ts prints it.
 */
export interface Invoice810 {
  transactionSet: { id: '810'; version: '004010'; controlNumber: string };
  big: {
    invoiceDate: string;
    invoiceNumber: string;
    purchaseOrderDate: string | null;
    purchaseOrderNumber: string | null;
    /** BIG07: DI debit invoice. */
    transactionTypeCode: 'DI';
  };
  cur: { entityIdentifierCode: 'SE'; currency: string };
  ref: { qualifier: 'VN' | 'BM' | 'CN'; value: string }[];
  parties: Party810[];
  itd: {
    /** 01 basic, 08 basic discount offered, 05 discount not applicable (due on receipt, COD). */
    termsTypeCode: '01' | '05' | '08';
    /** 3: invoice date. */
    termsBasisDateCode: '3';
    discountPercent: string | null;
    discountDueDate: string | null;
    discountDaysDue: number | null;
    netDueDate: string;
    netDays: number;
    discountAmount: string | null;
    description: string;
  };
  dtm: { qualifier: '011'; description: 'shipped'; date: string }[];
  lines: Line810[];
  tds: {
    totalInvoiceAmount: string;
    amountSubjectToTermsDiscount: string;
    discountedAmountDue: string;
    termsDiscountAmount: string;
  };
  txi: { taxTypeCode: 'ST'; amount: string; percent: string | null; jurisdiction: string | null }[];
  cad: {
    transportationMethodCode: 'M';
    standardCarrierAlphaCode: string;
    routing: string;
    referenceIdentificationQualifier: 'CN' | null;
    referenceIdentification: string | null;
  } | null;
  sac: { indicator: 'C'; code: 'D240'; amount: string; description: 'Freight' }[];
  ctt: { numberOfLineItems: number; hashTotal: string };
}

/** The 810 of an invoice. Pure: everything comes from the records passed in. */
export function toInvoice810(
  header: InvoiceDocumentHeader,
  lines: InvoiceDocumentLine[],
): Invoice810 {
  const currency = parseCurrency(header.currency);
  const money = (amount: string) => formatAmount(moneyOf(new Decimal(amount), currency));
  const terms = parsePaymentTerms(header.paymentTerms);
  const total = moneyOf(new Decimal(header.total), currency);
  const discount = earlyPaymentDiscount(terms, total, header.issueDate, header.issueDate);
  const discountPercent = new Decimal(header.discountPercent);
  const hasDiscount = header.discountDeadline !== null && discountPercent.greaterThan(0);
  const rates = new Set(lines.map((line) => new Decimal(line.taxRatePercent).toString()));
  return {
    transactionSet: {
      id: '810',
      version: '004010',
      // ST02 is 4 to 9 digits: the invoice's sequence number within its series.
      controlNumber: header.invoiceNumber.slice(-9).padStart(4, '0'),
    },
    big: {
      invoiceDate: header.issueDate,
      invoiceNumber: formatDocumentNumber(header.series, header.invoiceNumber),
      purchaseOrderDate: header.externalPoNumber === null ? null : header.orderDate,
      purchaseOrderNumber: header.externalPoNumber,
      transactionTypeCode: 'DI',
    },
    cur: { entityIdentifierCode: 'SE', currency },
    ref: [
      { qualifier: 'VN' as const, value: header.orderNumber },
      ...(header.shipmentNumber === null
        ? []
        : [{ qualifier: 'BM' as const, value: header.shipmentNumber }]),
      ...(header.trackingNumber === null
        ? []
        : [{ qualifier: 'CN' as const, value: header.trackingNumber }]),
    ],
    parties: parties(header),
    itd: {
      termsTypeCode: hasDiscount
        ? '08'
        : terms.kind === 'NET' || terms.kind === 'EOM'
          ? '01'
          : '05',
      termsBasisDateCode: '3',
      discountPercent: hasDiscount ? discountPercent.toString() : null,
      discountDueDate: hasDiscount ? header.discountDeadline : null,
      discountDaysDue: hasDiscount
        ? daysBetween(header.issueDate, header.discountDeadline as string)
        : null,
      netDueDate: header.dueDate,
      netDays: daysBetween(header.issueDate, header.dueDate),
      discountAmount: hasDiscount ? formatAmount(discount) : null,
      description: terms.code,
    },
    dtm:
      header.shippedAt === null
        ? []
        : [
            {
              qualifier: '011',
              description: 'shipped',
              date: new Date(header.shippedAt).toISOString().slice(0, 10),
            },
          ],
    lines: lines.map((line) => ({
      assignedIdentification: String(line.lineNumber),
      quantityInvoiced: new Decimal(line.quantity).toString(),
      unitOfMeasure: x12UnitCode(line.uom),
      unitPrice: new Decimal(line.unitPrice).toString(),
      productIds: [
        { qualifier: 'VN' as const, value: line.sku },
        ...(line.customerItemNumber === null
          ? []
          : [{ qualifier: 'BP' as const, value: line.customerItemNumber }]),
      ],
      description: line.description,
      purchaseOrderLineNumber: line.orderLineNumber,
      tax: {
        taxTypeCode: 'ST',
        amount: money(line.tax),
        percent: new Decimal(line.taxRatePercent).toString(),
      },
      lineNet: money(line.lineNet),
      lineTotal: money(line.lineTotal),
    })),
    tds: {
      totalInvoiceAmount: money(header.total),
      amountSubjectToTermsDiscount: money(header.total),
      discountedAmountDue: formatAmount(moneyOf(total.amount.minus(discount.amount), currency)),
      termsDiscountAmount: formatAmount(discount),
    },
    txi: [
      {
        taxTypeCode: 'ST',
        amount: money(header.taxTotal),
        percent: rates.size === 1 ? [...rates][0] : null,
        jurisdiction: header.taxRegion,
      },
    ],
    cad:
      header.carrier === null
        ? null
        : {
            transportationMethodCode: 'M',
            standardCarrierAlphaCode: header.carrier,
            routing: header.carrier,
            referenceIdentificationQualifier: header.trackingNumber === null ? null : 'CN',
            referenceIdentification: header.trackingNumber,
          },
    sac: new Decimal(header.freight).isZero()
      ? []
      : [{ indicator: 'C', code: 'D240', amount: money(header.freight), description: 'Freight' }],
    ctt: {
      numberOfLineItems: lines.length,
      hashTotal: lines
        .reduce((sum, line) => sum.plus(new Decimal(line.quantity)), new Decimal(0))
        .toString(),
    },
  };
}

function parties(header: InvoiceDocumentHeader): Party810[] {
  const list: Party810[] = [
    {
      entityIdentifierCode: 'BT',
      name: header.customerName,
      identificationCodeQualifier: '91',
      identificationCode: header.customerNumber,
      address: header.billTo,
    },
  ];
  if (header.shipToCode !== null) {
    list.push({
      entityIdentifierCode: 'ST',
      name: header.shipToName ?? header.customerName,
      identificationCodeQualifier: '91',
      identificationCode: `${header.customerNumber}-${header.shipToCode}`,
      address: header.shipToAddress,
    });
  }
  if (header.warehouseCode !== null) {
    list.push({
      entityIdentifierCode: 'SF',
      name: header.warehouseName ?? header.warehouseCode,
      identificationCodeQualifier: '91',
      identificationCode: header.warehouseCode,
      address: header.warehouseAddress,
    });
  }
  return list;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
