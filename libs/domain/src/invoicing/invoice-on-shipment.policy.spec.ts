import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { formatAmount } from '../money/money';
import { captureDomainError } from '../testing/domain-error.capture';
import { type BillableOrderLine, invoiceShipment } from './invoice-on-shipment.policy';

const d = (value: string) => new Decimal(value);
const caseLine: BillableOrderLine = {
  orderLineId: 'ol-1',
  lineNumber: 1,
  uom: 'CS',
  units: { baseUom: 'EA', conversions: [{ uom: 'CS', toBase: '12' }] },
  unitPrice: d('120.00'),
  taxPercent: d('7.25'),
};
const meterLine: BillableOrderLine = {
  orderLineId: 'ol-2',
  lineNumber: 2,
  uom: 'FT',
  units: { baseUom: 'M', conversions: [{ uom: 'FT', toBase: '0.3048' }] },
  unitPrice: d('1.1111'),
  taxPercent: d('0'),
};

describe('invoiceShipment', () => {
  it('converts base units back to the ordered unit and merges lots of one order line', () => {
    const invoice = invoiceShipment({
      currency: 'USD',
      orderLines: [meterLine, caseLine],
      shipped: [
        { orderLineId: 'ol-2', baseQuantity: d('3.048') },
        { orderLineId: 'ol-1', baseQuantity: d('24') },
        { orderLineId: 'ol-1', baseQuantity: d('12') },
      ],
      freight: d('9.95'),
    });
    expect(
      invoice.lines.map((line) => ({
        lineNumber: line.lineNumber,
        orderLineId: line.orderLineId,
        quantity: line.quantity.toString(),
        uom: line.uom,
        base: line.baseQuantity.toString(),
        net: formatAmount(line.net),
        tax: formatAmount(line.tax),
      })),
    ).toEqual([
      {
        lineNumber: 1,
        orderLineId: 'ol-1',
        quantity: '3',
        uom: 'CS',
        base: '36',
        net: '360.00',
        tax: '26.10',
      },
      {
        lineNumber: 2,
        orderLineId: 'ol-2',
        quantity: '10',
        uom: 'FT',
        base: '3.048',
        net: '11.11',
        tax: '0.00',
      },
    ]);
    expect(formatAmount(invoice.subtotal)).toBe('371.11');
    expect(formatAmount(invoice.total)).toBe('407.16');
  });

  it('leaves order lines that did not ship off the invoice', () => {
    const invoice = invoiceShipment({
      currency: 'USD',
      orderLines: [caseLine, meterLine],
      shipped: [{ orderLineId: 'ol-2', baseQuantity: d('3.048') }],
    });
    expect(invoice.lines.map((line) => line.orderLineId)).toEqual(['ol-2']);
    expect(invoice.lines[0].lineNumber).toBe(1);
  });

  it('refuses a quantity that is not a whole ordered unit rather than round it', () => {
    const error = captureDomainError(() =>
      invoiceShipment({
        currency: 'USD',
        orderLines: [caseLine],
        shipped: [{ orderLineId: 'ol-1', baseQuantity: d('6') }],
      }),
    );
    expect(error.code).toBe(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED);
    expect(error.field).toBe('orderLines[1].quantity');
  });

  it('refuses a line of another order, non-positive quantities and an empty shipment', () => {
    expect(
      captureDomainError(() =>
        invoiceShipment({
          currency: 'USD',
          orderLines: [caseLine],
          shipped: [{ orderLineId: 'elsewhere', baseQuantity: d('12') }],
        }),
      ),
    ).toMatchObject({
      code: DomainErrorCode.INVOICE_INVALID_INPUT,
      field: 'shipped[0].orderLineId',
    });
    for (const quantity of ['0', '-12']) {
      expect(
        captureDomainError(() =>
          invoiceShipment({
            currency: 'USD',
            orderLines: [caseLine],
            shipped: [{ orderLineId: 'ol-1', baseQuantity: d(quantity) }],
          }),
        ),
      ).toMatchObject({
        code: DomainErrorCode.QUANTITY_NOT_POSITIVE,
        field: 'shipped[0].baseQuantity',
      });
    }
    expect(
      captureDomainError(() =>
        invoiceShipment({ currency: 'USD', orderLines: [caseLine], shipped: [] }),
      ),
    ).toMatchObject({ code: DomainErrorCode.INVOICE_INVALID_INPUT, field: 'shipped' });
  });
});
