import { toInvoice810 } from './invoice-810.mapper';
import type { InvoiceDocumentHeader, InvoiceDocumentLine } from './invoice-document.repository';
import { writeX12Invoice } from './x12-810.writer';

const address = {
  line1: '2 Dock Rd',
  city: 'Reno',
  region: 'NV',
  postalCode: '89502',
  country: 'US',
};

const header: InvoiceDocumentHeader = {
  id: 'b3c1f3a4-0000-4000-8000-000000000001',
  series: 'INV',
  invoiceNumber: '42',
  status: 'issued',
  currency: 'USD',
  issueDate: '2031-03-05',
  dueDate: '2031-04-04',
  paymentTerms: '2/10 NET30',
  discountDeadline: '2031-03-15',
  discountPercent: '2.0000',
  subtotal: '372.7000',
  taxTotal: '27.0200',
  freight: '15.5000',
  total: '415.2200',
  amountCredited: '0.0000',
  openBalance: '415.2200',
  taxRegion: 'US-WEST',
  version: 1,
  customerId: 'c',
  customerNumber: 'C-1001',
  customerName: 'Acme * Machining ~ Works',
  billTo: address,
  orderId: 'o',
  orderNumber: 'SO-77',
  externalPoNumber: 'PO-7781',
  orderDate: '2031-03-01',
  shipToCode: 'MAIN',
  shipToName: 'Main plant',
  shipToAddress: address,
  shipmentNumber: 'SH-9',
  shippedAt: new Date('2031-03-05T09:00:00Z'),
  carrier: 'UPSN',
  trackingNumber: '1Z999',
  warehouseCode: 'RNO',
  warehouseName: 'Reno DC',
  warehouseAddress: address,
};

const lines: InvoiceDocumentLine[] = [
  {
    lineNumber: 1,
    orderLineNumber: 1,
    quantity: '3.0000',
    uom: 'CS',
    unitPrice: '123.4567',
    lineNet: '370.3700',
    tax: '26.8500',
    lineTotal: '397.2200',
    taxRatePercent: '7.2500',
    sku: 'BRG-6204',
    description: 'Ball bearing 6204',
    customerItemNumber: 'ACME-1',
  },
  {
    lineNumber: 2,
    orderLineNumber: 3,
    quantity: '7.0000',
    uom: 'EA',
    unitPrice: '0.3333',
    lineNet: '2.3300',
    tax: '0.1700',
    lineTotal: '2.5000',
    taxRatePercent: '7.2500',
    sku: 'WSH-8',
    description: 'Washer M8',
    customerItemNumber: null,
  },
];

describe('toInvoice810 and writeX12Invoice', () => {
  it('prints every segment of the 810 in order with a correct SE count', () => {
    const { text, segmentCount } = writeX12Invoice(toInvoice810(header, lines));
    expect(text.trim().split('\n')).toEqual([
      'ST*810*0042~',
      'BIG*20310305*INV-00000042*20310301*PO-7781***DI~',
      'CUR*SE*USD~',
      'REF*VN*SO-77~',
      'REF*BM*SH-9~',
      'REF*CN*1Z999~',
      'N1*BT*Acme   Machining   Works*91*C-1001~',
      'N3*2 Dock Rd~',
      'N4*Reno*NV*89502*US~',
      'N1*ST*Main plant*91*C-1001-MAIN~',
      'N3*2 Dock Rd~',
      'N4*Reno*NV*89502*US~',
      'N1*SF*Reno DC*91*RNO~',
      'N3*2 Dock Rd~',
      'N4*Reno*NV*89502*US~',
      'ITD*08*3*2*20310315*10*20310404*30*830****2/10 NET30~',
      'DTM*011*20310305~',
      'IT1*1*3*CA*123.4567**VN*BRG-6204*BP*ACME-1~',
      'TXI*ST*26.85*7.25~',
      'PID*F****Ball bearing 6204~',
      'IT1*2*7*EA*0.3333**VN*WSH-8~',
      'TXI*ST*0.17*7.25~',
      'PID*F****Washer M8~',
      'TDS*41522*41522*40692*830~',
      'TXI*ST*27.02*7.25*VD*US-WEST~',
      'CAD*M***UPSN*UPSN**CN*1Z999~',
      'SAC*C*D240***1550**********Freight~',
      'CTT*2*10~',
      'SE*29*0042~',
    ]);
    expect(segmentCount).toBe(29);
  });

  it('leaves out what the invoice does not have: discount, freight, carrier, PO', () => {
    const plain = toInvoice810(
      {
        ...header,
        paymentTerms: 'NET30',
        discountDeadline: null,
        discountPercent: '0',
        freight: '0',
        carrier: null,
        trackingNumber: null,
        externalPoNumber: null,
        shipmentNumber: null,
        shippedAt: null,
        warehouseCode: null,
        shipToCode: null,
      },
      lines,
    );
    expect(plain.itd).toEqual(
      expect.objectContaining({ termsTypeCode: '01', discountPercent: null, discountAmount: null }),
    );
    expect(plain.tds.termsDiscountAmount).toBe('0.00');
    expect(plain.sac).toEqual([]);
    expect(plain.cad).toBeNull();
    expect(plain.dtm).toEqual([]);
    expect(plain.big.purchaseOrderDate).toBeNull();
    expect(plain.parties).toHaveLength(1);
    const { text } = writeX12Invoice(plain);
    expect(text).toContain('BIG*20310305*INV-00000042*****DI~');
    expect(text).toContain('ITD*01*3****20310404*30*****NET30~');
    expect(text).not.toContain('SAC*');
    expect(text).not.toContain('CAD*');
  });

  it('uses terms type 05 for due on receipt, and two implied decimals for JPY too', () => {
    const yen = toInvoice810(
      {
        ...header,
        currency: 'JPY',
        paymentTerms: 'COD',
        discountDeadline: null,
        discountPercent: '0',
        total: '1250',
        freight: '0',
      },
      [],
    );
    expect(yen.itd.termsTypeCode).toBe('05');
    expect(yen.tds.totalInvoiceAmount).toBe('1250');
    expect(writeX12Invoice(yen).text).toContain('TDS*125000*125000*125000*0~');
  });

  it('numbers the transaction set by the invoice sequence, 4 to 9 digits', () => {
    expect(
      toInvoice810({ ...header, invoiceNumber: '7' }, lines).transactionSet.controlNumber,
    ).toBe('0007');
    expect(
      toInvoice810({ ...header, invoiceNumber: '12345678901' }, lines).transactionSet.controlNumber,
    ).toBe('345678901');
  });
});
