import { Decimal } from '@o2c/domain';
import type { PostalAddress } from '@o2c/persistence';
import type { Invoice810, Party810 } from './invoice-810.mapper';

/** Separators of the interchange the transaction set travels in (ISA16 and the terminator). */
export const ELEMENT_SEPARATOR = '*';
export const SEGMENT_TERMINATOR = '~';
const RESERVED = /[*~>^\r\n]/g;

type Element = string | number | null | undefined;

/**
 * Prints the X12 810 transaction set (ST through SE, version 004010) of a canonical invoice.
 * The ISA/GS envelope is the EDI translator's: it carries the trading-partner identifiers and
 * interchange control numbers of each partner agreement. Dates are CCYYMMDD; N2 amounts
 * (TDS, ITD08, SAC05) have two implied decimals; R values are explicit decimals. Text loses
 * any separator character and is cut to the element's maximum length.
 */
export function writeX12Invoice(invoice: Invoice810): { text: string; segmentCount: number } {
  const segments: Element[][] = [
    ['ST', '810', invoice.transactionSet.controlNumber],
    [
      'BIG',
      date(invoice.big.invoiceDate),
      text(invoice.big.invoiceNumber, 22),
      invoice.big.purchaseOrderDate === null ? '' : date(invoice.big.purchaseOrderDate),
      text(invoice.big.purchaseOrderNumber, 22),
      '',
      '',
      invoice.big.transactionTypeCode,
    ],
    ['CUR', invoice.cur.entityIdentifierCode, invoice.cur.currency],
    ...invoice.ref.map((ref) => ['REF', ref.qualifier, text(ref.value, 30)]),
    ...invoice.parties.flatMap(partySegments),
    itdSegment(invoice),
    ...invoice.dtm.map((dtm) => ['DTM', dtm.qualifier, date(dtm.date)]),
    ...invoice.lines.flatMap((line) => [
      [
        'IT1',
        line.assignedIdentification,
        line.quantityInvoiced,
        line.unitOfMeasure,
        line.unitPrice,
        '',
        ...line.productIds.flatMap((id) => [id.qualifier, text(id.value, 48)]),
      ],
      ['TXI', line.tax.taxTypeCode, line.tax.amount, line.tax.percent],
      ['PID', 'F', '', '', '', text(line.description, 80)],
    ]),
    [
      'TDS',
      implied(invoice.tds.totalInvoiceAmount),
      implied(invoice.tds.amountSubjectToTermsDiscount),
      implied(invoice.tds.discountedAmountDue),
      implied(invoice.tds.termsDiscountAmount),
    ],
    ...invoice.txi.map((txi) => [
      'TXI',
      txi.taxTypeCode,
      txi.amount,
      txi.percent,
      txi.jurisdiction === null ? '' : 'VD',
      text(txi.jurisdiction, 10),
    ]),
    ...(invoice.cad === null
      ? []
      : [
          [
            'CAD',
            invoice.cad.transportationMethodCode,
            '',
            '',
            text(invoice.cad.standardCarrierAlphaCode, 4),
            text(invoice.cad.routing, 35),
            '',
            invoice.cad.referenceIdentificationQualifier,
            text(invoice.cad.referenceIdentification, 30),
          ],
        ]),
    ...invoice.sac.map((sac) => [
      'SAC',
      sac.indicator,
      sac.code,
      '',
      '',
      implied(sac.amount),
      ...Array<Element>(9).fill(''),
      sac.description,
    ]),
    ['CTT', invoice.ctt.numberOfLineItems, invoice.ctt.hashTotal],
  ];
  const count = segments.length + 1;
  segments.push(['SE', count, invoice.transactionSet.controlNumber]);
  return { text: segments.map(segment).join('\n') + '\n', segmentCount: count };
}

function itdSegment(invoice: Invoice810): Element[] {
  const itd = invoice.itd;
  return [
    'ITD',
    itd.termsTypeCode,
    itd.termsBasisDateCode,
    itd.discountPercent,
    itd.discountDueDate === null ? '' : date(itd.discountDueDate),
    itd.discountDaysDue,
    date(itd.netDueDate),
    itd.netDays,
    itd.discountAmount === null ? '' : implied(itd.discountAmount),
    '',
    '',
    '',
    text(itd.description, 80),
  ];
}

function partySegments(party: Party810): Element[][] {
  const segments: Element[][] = [
    [
      'N1',
      party.entityIdentifierCode,
      text(party.name, 60),
      party.identificationCodeQualifier,
      text(party.identificationCode, 80),
    ],
  ];
  const address: PostalAddress | null = party.address;
  if (address !== null) {
    segments.push(['N3', text(address.line1, 55), text(address.line2, 55)]);
    segments.push([
      'N4',
      text(address.city, 30),
      text(address.region, 2),
      text(address.postalCode, 15),
      text(address.country, 3),
    ]);
  }
  return segments;
}

/** One segment, trailing empty elements dropped as X12 requires. */
function segment(elements: Element[]): string {
  const values = elements.map((value) =>
    value === null || value === undefined ? '' : String(value),
  );
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  return values.join(ELEMENT_SEPARATOR) + SEGMENT_TERMINATOR;
}

function date(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

/** N2: the amount in hundredths, no decimal point ("415.22" -> "41522", JPY "1250" -> "125000"). */
function implied(amount: string): string {
  return new Decimal(amount).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0);
}

function text(value: string | null | undefined, max: number): string {
  if (value === null || value === undefined) return '';
  return value.replace(RESERVED, ' ').trim().slice(0, max);
}
