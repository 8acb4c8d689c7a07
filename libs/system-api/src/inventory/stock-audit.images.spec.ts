import { Decimal } from '@o2c/domain';
import { balanceBeforeChange, balanceImage, movementImage } from './stock-audit.images';
import type { BalanceRow, MovementRow } from './inventory.rows';

function balance(overrides: Partial<BalanceRow> = {}): BalanceRow {
  return {
    id: 'b1',
    warehouse_id: 'w1',
    warehouse_code: 'RNO-1',
    item_id: 'i1',
    sku: 'BRG-6204',
    unit: 'EA',
    on_hand: '12.5000',
    allocated: '2.0000',
    version: 3,
    created_at: new Date('2026-01-01T00:00:00Z'),
    updated_at: new Date('2026-01-02T00:00:00Z'),
    ...overrides,
  };
}

describe('stock audit images', () => {
  it('keeps the identifying and stock columns of a balance, not the joined ones', () => {
    expect(balanceImage(balance())).toEqual({
      id: 'b1',
      warehouseId: 'w1',
      itemId: 'i1',
      onHand: '12.5000',
      allocated: '2.0000',
      version: 3,
    });
  });

  it.each([
    ['a receipt', '2.5', '10.0000'],
    ['a negative adjustment', '-3', '15.5000'],
  ])('derives the balance before %s from the change', (_label, delta, onHand) => {
    expect(balanceBeforeChange(balance(), new Decimal(delta))).toMatchObject({
      onHand,
      allocated: '2.0000',
      version: 2,
    });
  });

  it('has no before image when the statement created the balance', () => {
    expect(balanceBeforeChange(balance({ version: 1 }), new Decimal('12.5'))).toBeNull();
  });

  it('writes the movement time as an ISO instant', () => {
    const row: MovementRow = {
      id: 'm1',
      warehouse_id: 'w1',
      item_id: 'i1',
      type: 'receipt',
      quantity: '2.5000',
      unit: 'EA',
      reason: null,
      reference: 'PO-1',
      actor: null,
      created_at: new Date('2026-03-01T10:00:00Z'),
      cursor_at: '2026-03-01T10:00:00.000000Z',
    };
    expect(movementImage(row)).toMatchObject({
      type: 'receipt',
      quantity: '2.5000',
      createdAt: '2026-03-01T10:00:00.000Z',
    });
  });
});
