import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { line, plan, stock, WAREHOUSES } from './allocation-plan.fixtures';

describe('planAllocation', () => {
  describe('warehouse preference', () => {
    const everywhere = stock({ 'CHI:A': '100', 'ATL:A': '100', 'DAL:A': '100' });

    it('ships from the warehouse serving the ship-to region', () => {
      expect(plan({ lines: [line(1, 'A', '10')], available: everywhere })).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'accepted',
          from: ['DAL=10'],
          backordered: '0',
          rejected: '0',
          reason: null,
        },
      ]);
    });

    it('tries serving warehouses in the given order, then the others', () => {
      const lines = [line(1, 'A', '250')];
      expect(plan({ lines, available: everywhere, shipToRegion: 'US-MW' })[0].from).toEqual([
        'CHI=100',
        'ATL=100',
        'DAL=50',
      ]);
      expect(plan({ lines, available: everywhere, shipToRegion: 'US-SE' })[0].from).toEqual([
        'ATL=100',
        'CHI=100',
        'DAL=50',
      ]);
    });

    it('splits across all three warehouses from the preferred one outwards', () => {
      const available = stock({ 'CHI:A': '5', 'ATL:A': '7', 'DAL:A': '3' });
      expect(plan({ lines: [line(1, 'A', '15')], available })[0]).toEqual({
        line: 1,
        item: 'A',
        status: 'accepted',
        from: ['DAL=3', 'CHI=5', 'ATL=7'],
        backordered: '0',
        rejected: '0',
        reason: null,
      });
    });

    it('uses the given order when no warehouse serves the region', () => {
      const lines = [line(1, 'A', '150')];
      expect(plan({ lines, available: everywhere, shipToRegion: 'CA-ON' })[0].from).toEqual([
        'CHI=100',
        'ATL=50',
      ]);
    });

    it('skips warehouses without the item and ignores stock of unlisted warehouses', () => {
      const available = stock({ 'ATL:A': '4', 'NYC:A': '1000' });
      expect(plan({ lines: [line(1, 'A', '4')], available })[0].from).toEqual(['ATL=4']);
    });
  });

  describe('short stock', () => {
    const available = stock({ 'CHI:A': '6', 'DAL:A': '4' });

    it('backorders the rest when backorders are allowed', () => {
      expect(plan({ lines: [line(1, 'A', '15')], available })).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'backordered',
          from: ['DAL=4', 'CHI=6'],
          backordered: '5',
          rejected: '0',
          reason: 'INVENTORY.SHORT',
        },
      ]);
    });

    it('accepts with a quantity change when backorders are not allowed', () => {
      expect(plan({ lines: [line(1, 'A', '15')], available, allowBackorders: false })).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'changed',
          from: ['DAL=4', 'CHI=6'],
          backordered: '0',
          rejected: '5',
          reason: 'INVENTORY.SHORT',
        },
      ]);
    });

    it('accepts a line that needs exactly all the stock', () => {
      expect(plan({ lines: [line(1, 'A', '10')], available })[0].status).toBe('accepted');
      expect(plan({ lines: [line(1, 'A', '10.001')], available })[0].status).toBe('backordered');
    });

    it('never substitutes while the original has some stock', () => {
      const withSubstitute = stock({ 'DAL:A': '1', 'DAL:B': '100' });
      expect(
        plan({ lines: [line(1, 'A', '5', ['B'])], available: withSubstitute })[0],
      ).toMatchObject({
        item: 'A',
        status: 'backordered',
        from: ['DAL=1'],
        backordered: '4',
      });
    });
  });

  describe('nothing of the item available', () => {
    it('backorders everything when allowed', () => {
      expect(plan({ lines: [line(1, 'A', '5')], available: stock({}) })).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'backordered',
          from: [],
          backordered: '5',
          rejected: '0',
          reason: 'INVENTORY.UNAVAILABLE',
        },
      ]);
    });

    it('rejects everything when backorders are not allowed', () => {
      expect(
        plan({ lines: [line(1, 'A', '5')], available: stock({}), allowBackorders: false }),
      ).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'rejected',
          from: [],
          backordered: '0',
          rejected: '5',
          reason: 'INVENTORY.UNAVAILABLE',
        },
      ]);
    });

    it('treats zero and oversold (negative) stock as none', () => {
      const available = stock({ 'DAL:A': '0', 'CHI:A': '-3' });
      expect(plan({ lines: [line(1, 'A', '1')], available })[0].status).toBe('backordered');
    });
  });

  describe('substitution', () => {
    it('substitutes the first substitute available in full, split across warehouses', () => {
      const available = stock({ 'CHI:B': '3', 'DAL:C': '2', 'ATL:C': '6' });
      expect(plan({ lines: [line(1, 'A', '8', ['B', 'C'])], available })).toEqual([
        {
          line: 1,
          item: 'C',
          status: 'substituted',
          from: ['DAL=2', 'ATL=6'],
          backordered: '0',
          rejected: '0',
          reason: 'INVENTORY.SUBSTITUTED',
        },
      ]);
    });

    it('follows the substitutes’ priority order', () => {
      const available = stock({ 'DAL:B': '10', 'DAL:C': '10' });
      expect(plan({ lines: [line(1, 'A', '5', ['C', 'B'])], available })[0].item).toBe('C');
      expect(plan({ lines: [line(1, 'A', '5', ['B', 'C'])], available })[0].item).toBe('B');
    });

    it('uses a substitute available exactly in full', () => {
      const available = stock({ 'DAL:B': '2', 'CHI:B': '3' });
      expect(plan({ lines: [line(1, 'A', '5', ['B'])], available })[0].status).toBe('substituted');
      expect(plan({ lines: [line(1, 'A', '5.5', ['B'])], available })[0]).toMatchObject({
        item: 'A',
        status: 'backordered',
        backordered: '5.5',
      });
    });

    it('does not substitute when substitutions are not allowed', () => {
      const available = stock({ 'DAL:B': '10' });
      expect(
        plan({ lines: [line(1, 'A', '5', ['B'])], available, allowSubstitutions: false })[0],
      ).toMatchObject({ item: 'A', status: 'backordered', from: [] });
      expect(
        plan({
          lines: [line(1, 'A', '5', ['B'])],
          available,
          allowSubstitutions: false,
          allowBackorders: false,
        })[0],
      ).toMatchObject({ item: 'A', status: 'rejected', rejected: '5' });
    });

    it('rejects when neither a substitute nor a backorder is possible', () => {
      const available = stock({ 'DAL:B': '4' });
      expect(
        plan({ lines: [line(1, 'A', '5', ['B'])], available, allowBackorders: false })[0],
      ).toMatchObject({ item: 'A', status: 'rejected', rejected: '5', from: [] });
    });

    it('ignores the ordered item listed as its own substitute', () => {
      expect(plan({ lines: [line(1, 'A', '5', ['A'])], available: stock({}) })[0].status).toBe(
        'backordered',
      );
    });
  });

  describe('rejects bad input, naming the field', () => {
    const base = { lines: [line(1, 'A', '1')], available: stock({}) };

    it.each([
      [
        { lines: [line(0, 'A', '1')] },
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
        'lines[0].lineNumber',
      ],
      [
        { lines: [line(1.5, 'A', '1')] },
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
        'lines[0].lineNumber',
      ],
      [
        { lines: [line(1, 'A', '1'), line(1, 'B', '1')] },
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
        'lines[1].lineNumber',
      ],
      [{ lines: [line(1, '', '1')] }, DomainErrorCode.ALLOCATION_INVALID_INPUT, 'lines[0].itemId'],
      [{ lines: [line(1, 'A', '0')] }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'lines[0].quantity'],
      [{ lines: [line(1, 'A', '-2')] }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'lines[0].quantity'],
      [{ lines: [line(1, 'A', 'NaN')] }, DomainErrorCode.QUANTITY_INVALID, 'lines[0].quantity'],
      [
        { warehouses: [WAREHOUSES[0], WAREHOUSES[0]] },
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
        'warehouses[1].id',
      ],
      [
        { available: stock({ 'DAL:A': 'Infinity' }) },
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
        'available[DAL:A]',
      ],
    ])('%#', (overrides, code, field) => {
      const error = captureDomainError(() => plan({ ...base, ...overrides }));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
    });
  });
});
