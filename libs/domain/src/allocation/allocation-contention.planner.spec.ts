import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { planAllocation } from './allocation.planner';
import { line, plan, stock, WAREHOUSES } from './allocation-plan.fixtures';
import { stockKey } from './allocation.types';

describe('planAllocation across lines', () => {
  describe('lines competing for the same stock', () => {
    it('serves lines in lineNumber order, whatever order they are given in', () => {
      const available = stock({ 'DAL:A': '10' });
      expect(plan({ lines: [line(2, 'A', '6'), line(1, 'A', '6')], available })).toEqual([
        {
          line: 1,
          item: 'A',
          status: 'accepted',
          from: ['DAL=6'],
          backordered: '0',
          rejected: '0',
          reason: null,
        },
        {
          line: 2,
          item: 'A',
          status: 'backordered',
          from: ['DAL=4'],
          backordered: '2',
          rejected: '0',
          reason: 'INVENTORY.SHORT',
        },
      ]);
    });

    it('gives the last units to the earlier line only', () => {
      const available = stock({ 'CHI:A': '1' });
      const planned = plan({
        lines: [line(1, 'A', '1'), line(2, 'A', '1'), line(3, 'A', '1')],
        available,
        allowBackorders: false,
      });
      expect(planned.map((p) => [p.line, p.status, p.from])).toEqual([
        [1, 'accepted', ['CHI=1']],
        [2, 'rejected', []],
        [3, 'rejected', []],
      ]);
    });

    it('counts stock taken by a substitution against later lines', () => {
      const available = stock({ 'DAL:B': '5' });
      const planned = plan({ lines: [line(1, 'A', '5', ['B']), line(2, 'B', '1')], available });
      expect(planned.map((p) => [p.item, p.status])).toEqual([
        ['B', 'substituted'],
        ['B', 'backordered'],
      ]);
    });

    it('lets an earlier line take a substitute’s stock before a later line needs it', () => {
      const available = stock({ 'DAL:B': '3' });
      const planned = plan({ lines: [line(1, 'B', '2'), line(2, 'A', '2', ['B'])], available });
      expect(planned.map((p) => [p.item, p.status])).toEqual([
        ['B', 'accepted'],
        ['A', 'backordered'],
      ]);
    });

    it('leaves the caller’s availability map untouched', () => {
      const available = stock({ 'DAL:A': '10' });
      plan({ lines: [line(1, 'A', '10')], available });
      expect(available.get('DAL:A')?.toString()).toBe('10');
    });
  });

  describe('fractional quantities of measured units', () => {
    it('allocates and backorders exact decimals', () => {
      const available = stock({ 'DAL:CABLE': '12.345', 'CHI:CABLE': '0.655' });
      expect(plan({ lines: [line(1, 'CABLE', '15.5')], available })[0]).toEqual({
        line: 1,
        item: 'CABLE',
        status: 'backordered',
        from: ['DAL=12.345', 'CHI=0.655'],
        backordered: '2.5',
        rejected: '0',
        reason: 'INVENTORY.SHORT',
      });
    });

    it('takes the exact remainder of a partly consumed lot', () => {
      const available = stock({ 'DAL:KG': '1.1' });
      const planned = plan({ lines: [line(1, 'KG', '0.3'), line(2, 'KG', '0.8')], available });
      expect(planned.map((p) => [p.status, p.from])).toEqual([
        ['accepted', ['DAL=0.3']],
        ['accepted', ['DAL=0.8']],
      ]);
    });
  });

  it('plans an empty order', () => {
    expect(plan({ lines: [], available: stock({}) })).toEqual([]);
  });

  describe('properties', () => {
    const ITEMS = ['A', 'B', 'C'];
    const REGIONS = ['US-MW', 'US-SE', 'US-SW', 'CA-ON'];
    // Up to 3 decimals, like a measured unit; some negative (oversold), some absent.
    const level = fc.integer({ min: -5_000, max: 50_000 }).map((n) => new Decimal(n).div(1000));
    const available = fc
      .array(fc.option(level, { nil: undefined }), { minLength: 9, maxLength: 9 })
      .map(
        (levels) =>
          new Map(
            levels.flatMap((quantity, index) =>
              quantity === undefined
                ? []
                : [[stockKey(WAREHOUSES[index % 3].id, ITEMS[Math.floor(index / 3)]), quantity]],
            ),
          ),
      );
    const requestLine = fc.record({
      itemId: fc.constantFrom(...ITEMS),
      quantity: fc.integer({ min: 1, max: 40_000 }).map((n) => new Decimal(n).div(1000)),
      substitutes: fc.shuffledSubarray(ITEMS),
    });
    const lines = fc.array(requestLine, { maxLength: 8 }).chain((drafts) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: 999 }), {
          minLength: drafts.length,
          maxLength: drafts.length,
        })
        .map((numbers) => drafts.map((draft, index) => ({ ...draft, lineNumber: numbers[index] }))),
    );
    const input = fc.record({
      lines,
      available,
      shipToRegion: fc.constantFrom(...REGIONS),
      allowBackorders: fc.boolean(),
      allowSubstitutions: fc.boolean(),
    });

    it('never plans more than is available per warehouse:item, and every line adds up', () => {
      fc.assert(
        fc.property(input, (request) => {
          const planned = planAllocation({ ...request, warehouses: WAREHOUSES });
          const used = new Map<string, Decimal>();
          for (const planLine of planned.lines) {
            for (const allocation of planLine.allocations) {
              expect(allocation.quantity.greaterThan(0)).toBe(true);
              const key = stockKey(allocation.warehouseId, planLine.itemId);
              used.set(key, (used.get(key) ?? new Decimal(0)).plus(allocation.quantity));
            }
            const requested = request.lines.find((l) => l.lineNumber === planLine.lineNumber);
            const allocated = Decimal.sum(0, ...planLine.allocations.map((a) => a.quantity));
            const accounted = allocated.plus(planLine.backordered).plus(planLine.rejected);
            expect(accounted.equals(requested?.quantity ?? -1)).toBe(true);
          }
          for (const [key, quantity] of used) {
            const limit = Decimal.max(0, request.available.get(key) ?? 0);
            expect(quantity.lessThanOrEqualTo(limit)).toBe(true);
          }
        }),
      );
    });

    it('gives each status its shape and honours the backorder and substitution switches', () => {
      fc.assert(
        fc.property(input, (request) => {
          const planned = planAllocation({ ...request, warehouses: WAREHOUSES });
          expect(planned.lines.map((l) => l.lineNumber)).toEqual(
            request.lines.map((l) => l.lineNumber).sort((a, b) => a - b),
          );
          for (const planLine of planned.lines) {
            const ordered = request.lines.find((l) => l.lineNumber === planLine.lineNumber);
            const someAllocated = planLine.allocations.length > 0;
            if (!request.allowBackorders) expect(planLine.backordered.isZero()).toBe(true);
            if (request.allowBackorders) expect(planLine.rejected.isZero()).toBe(true);
            expect(planLine.itemId === ordered?.itemId).toBe(planLine.status !== 'substituted');
            const shape = {
              allocated: someAllocated,
              short: !planLine.backordered.plus(planLine.rejected).isZero(),
              reason: planLine.reason,
            };
            switch (planLine.status) {
              case 'accepted':
                expect(shape).toEqual({ allocated: true, short: false, reason: null });
                break;
              case 'substituted':
                expect(shape).toEqual({
                  allocated: true,
                  short: false,
                  reason: 'INVENTORY.SUBSTITUTED',
                });
                expect(request.allowSubstitutions).toBe(true);
                expect(ordered?.substitutes).toContain(planLine.itemId);
                break;
              case 'changed':
                expect(shape).toEqual({ allocated: true, short: true, reason: 'INVENTORY.SHORT' });
                break;
              case 'backordered':
                expect(shape.short).toBe(true);
                expect(shape.reason).toBe(
                  someAllocated ? 'INVENTORY.SHORT' : 'INVENTORY.UNAVAILABLE',
                );
                break;
              case 'rejected':
                expect(shape).toEqual({
                  allocated: false,
                  short: true,
                  reason: 'INVENTORY.UNAVAILABLE',
                });
                break;
            }
          }
        }),
      );
    });

    it('leaves a line short only when its item is gone, taking from later warehouses only when earlier ones are empty', () => {
      fc.assert(
        fc.property(input, (request) => {
          const planned = planAllocation({ ...request, warehouses: WAREHOUSES });
          const left = new Map(
            [...request.available].map(([key, quantity]) => [key, Decimal.max(0, quantity)]),
          );
          for (const planLine of planned.lines) {
            for (const allocation of planLine.allocations) {
              const key = stockKey(allocation.warehouseId, planLine.itemId);
              left.set(key, (left.get(key) ?? new Decimal(0)).minus(allocation.quantity));
            }
          }
          const remaining = (warehouseId: string, itemId: string) =>
            left.get(stockKey(warehouseId, itemId)) ?? new Decimal(0);
          const preference = [
            ...WAREHOUSES.filter((w) => w.regionsServed.includes(request.shipToRegion)),
            ...WAREHOUSES.filter((w) => !w.regionsServed.includes(request.shipToRegion)),
          ].map((w) => w.id);
          for (const planLine of planned.lines) {
            const short = !planLine.backordered.plus(planLine.rejected).isZero();
            if (short) {
              for (const id of preference)
                expect(remaining(id, planLine.itemId).isZero()).toBe(true);
            }
            const positions = planLine.allocations.map((a) => preference.indexOf(a.warehouseId));
            expect(positions).toEqual([...positions].sort((a, b) => a - b));
            const last = positions.length === 0 ? -1 : positions[positions.length - 1];
            for (const id of preference.slice(0, Math.max(0, last))) {
              expect(remaining(id, planLine.itemId).isZero()).toBe(true);
            }
          }
        }),
      );
    });
  });
});
