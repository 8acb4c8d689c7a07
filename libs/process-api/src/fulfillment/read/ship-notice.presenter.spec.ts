import { presentShipNotice, type ShipNoticeLineRow } from './ship-notice.presenter';

const address = { line1: '1 Dock Rd', city: 'Reno', country: 'US' };
const header = {
  id: 'shp-1',
  shipmentNumber: 'SH000000001',
  externalShipmentId: 'WMS-77',
  shippedAt: new Date('2026-03-02T14:05:00Z'),
  carrier: 'UPSN',
  serviceLevel: null,
  trackingNumber: '1Z999',
  orderId: 'ord-1',
  orderNumber: 'SO000000001',
  externalPoNumber: 'PO-1',
  customerId: 'cus-1',
  customerNumber: 'C-1',
  warehouseId: 'wh-1',
  warehouseCode: 'RNO1',
  warehouseName: 'Reno',
  warehouseAddress: address,
  shipToId: null,
  shipToCode: null,
  shipToName: null,
  shipToAddress: null,
};
const line = (overrides: Partial<ShipNoticeLineRow>): ShipNoticeLineRow => ({
  orderLineId: 'ol-1',
  lineNumber: 1,
  sku: 'BLT-1',
  description: 'Bolt',
  baseUom: 'EA',
  customerItemNumber: null,
  baseQuantity: '10.0000',
  quantity: '1.0000',
  lot: null,
  serial: null,
  packageId: null,
  ...overrides,
});

describe('presentShipNotice', () => {
  it('numbers the hierarchy shipment, order, pack, item, each naming its parent', () => {
    const notice = presentShipNotice(header, [
      line({ packageId: 'CTN-1', quantity: '2.0000', lot: 'A' }),
      line({ packageId: 'CTN-1', quantity: '3.0000', lot: 'A' }),
      line({ packageId: 'CTN-1', quantity: '1.0000', lot: 'B' }),
      line({ orderLineId: 'ol-2', lineNumber: 2, packageId: 'CTN-2', serial: 'S1' }),
      line({ orderLineId: 'ol-2', lineNumber: 2, packageId: 'CTN-2', serial: 'S2' }),
      line({ orderLineId: 'ol-3', lineNumber: 3, quantity: '4.5000' }),
    ]);
    expect(notice.hl).toEqual({ id: 1, parentId: null, code: 'S' });
    const [order] = notice.orders;
    expect(order?.hl).toEqual({ id: 2, parentId: 1, code: 'O' });
    expect(
      order?.packs.map((pack) => [
        pack.hl,
        pack.packageId,
        pack.items.map((item) => [
          item.hl.id,
          item.hl.parentId,
          item.quantityShipped,
          item.lot,
          item.serialNumbers,
        ]),
      ]),
    ).toEqual([
      [
        { id: 3, parentId: 2, code: 'P' },
        'CTN-1',
        [
          [4, 3, '5', 'A', []],
          [5, 3, '1', 'B', []],
        ],
      ],
      [{ id: 6, parentId: 2, code: 'P' }, 'CTN-2', [[7, 6, '2', null, ['S1', 'S2']]]],
      [{ id: 8, parentId: 2, code: 'P' }, null, [[9, 8, '4.5', null, []]]],
    ]);
    expect(notice).toMatchObject({
      transactionSet: '856',
      structure: 'SOPI',
      shippedAt: '2026-03-02T14:05:00.000Z',
      carrier: { scac: 'UPSN', serviceLevel: null },
      shipTo: null,
      packageCount: 2,
      lineCount: 3,
    });
    expect(order?.packs[0]?.items[0]).toMatchObject({ quantityOrdered: '10', unit: 'EA' });
  });

  it('gives a shipment without carrier or lines an empty, valid notice', () => {
    const notice = presentShipNotice({ ...header, carrier: null }, []);
    expect(notice).toMatchObject({ carrier: null, packageCount: 0, lineCount: 0 });
    expect(notice.orders[0]?.packs).toEqual([]);
  });
});
