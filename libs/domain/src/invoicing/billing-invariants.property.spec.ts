import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode, isDomainError } from '../errors/domain-error';
import { type CurrencyCode, minorUnits } from '../money/currency.table';
import { assertWithinShipped } from './billing-limit.guard';
import { computeCreditMemo, type CreditableInvoiceLine } from './credit-memo.policy';
import {
  type BillableOrderLine,
  invoiceShipment,
  type ShipmentInvoice,
} from './invoice-on-shipment.policy';

/**
 * Invoice on shipment, end to end over random orders: partial shipments in several lots,
 * backorders left open, repeated billing attempts and interleaved credits. The oracle prices
 * with integers (BigInt), independently of the Decimal code under test.
 */

const UNITS = [
  { uom: 'EA', baseUom: 'EA', factor: '1', conversions: [] },
  { uom: 'CS', baseUom: 'EA', factor: '12', conversions: [{ uom: 'CS', toBase: '12' }] },
  { uom: 'DZ', baseUom: 'PK', factor: '2', conversions: [{ uom: 'DZ', toBase: '2' }] },
] as const;
const CURRENCIES: CurrencyCode[] = ['USD', 'JPY', 'KWD'];

const lineModel = fc.record({
  unit: fc.constantFrom(...UNITS),
  ordered: fc.integer({ min: 1, max: 40 }),
  priceTenThousandths: fc.integer({ min: 0, max: 99_999_999 }),
  taxThousandths: fc.integer({ min: 0, max: 25_000 }),
});

/** Each step ships a share of every line's remainder (0 = that line waits, a backorder). */
const scenario = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  lines: fc.array(lineModel, { minLength: 1, maxLength: 5 }),
  shipments: fc.array(
    fc.record({
      shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
      lots: fc.integer({ min: 1, max: 3 }),
      freightMinor: fc.integer({ min: 0, max: 5_000 }),
      billTwice: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  credits: fc.array(
    fc.record({
      invoice: fc.nat(),
      line: fc.nat(),
      byAmount: fc.boolean(),
      size: fc.integer({ min: 1, max: 100 }),
    }),
    { maxLength: 10 },
  ),
});

/** round(quantity x price) at the currency's minor unit, half up, in integers. */
function oracleNet(quantity: number, priceTenThousandths: number, currency: CurrencyCode): bigint {
  const product = BigInt(quantity) * BigInt(priceTenThousandths); // scale 10^4
  const divisor = 10n ** BigInt(4 - minorUnits(currency));
  return (product + divisor / 2n) / divisor;
}

function toMinor(amount: Decimal, currency: CurrencyCode): bigint {
  const scaled = amount.times(new Decimal(10).pow(minorUnits(currency)));
  expect(scaled.isInteger()).toBe(true);
  return BigInt(scaled.toFixed(0));
}

describe('invoice on shipment: invariants over random orders, shipments and credits', () => {
  it('bills exactly what shipped at contract price, never twice, rounding line by line', () => {
    let runs = 0;
    fc.assert(
      fc.property(scenario, (model) => {
        runs += 1;
        const { currency } = model;
        const orderLines: BillableOrderLine[] = model.lines.map((line, index) => ({
          orderLineId: `ol-${index + 1}`,
          lineNumber: index + 1,
          uom: line.unit.uom,
          units: { baseUom: line.unit.baseUom, conversions: line.unit.conversions },
          unitPrice: new Decimal(line.priceTenThousandths).div(10_000),
          taxPercent: new Decimal(line.taxThousandths).div(1_000),
        }));
        const shipped = model.lines.map(() => 0); // ordered units
        const invoicedBase = model.lines.map(() => new Decimal(0));
        const invoices: ShipmentInvoice[] = [];
        const oracleByShipment: bigint[] = [];
        const linesInvoiced = model.lines.map(() => 0);

        for (const shipment of model.shipments) {
          const quantities = model.lines.map((line, index) => {
            const remaining = line.ordered - shipped[index];
            return Math.floor((remaining * (shipment.shares[index] ?? 0)) / 100);
          });
          if (quantities.every((quantity) => quantity === 0)) continue;
          const shipmentLines = quantities.flatMap((quantity, index) => {
            if (quantity === 0) return [];
            const factor = Number(model.lines[index].unit.factor);
            // Split into lots: all but the last lot carry one ordered unit each.
            const lots = Math.min(shipment.lots, quantity);
            return Array.from({ length: lots }, (_, lot) => ({
              orderLineId: `ol-${index + 1}`,
              baseQuantity: new Decimal((lot < lots - 1 ? 1 : quantity - (lots - 1)) * factor),
            }));
          });
          quantities.forEach((quantity, index) => (shipped[index] += quantity));

          const freight = new Decimal(shipment.freightMinor).div(10 ** minorUnits(currency));
          const invoice = invoiceShipment({
            currency,
            orderLines,
            shipped: shipmentLines,
            freight,
          });
          const billing = invoice.lines.map((line) => {
            const index = Number(line.orderLineId.slice(3)) - 1;
            return {
              orderLineId: line.orderLineId,
              shippedBase: new Decimal(shipped[index]).times(model.lines[index].unit.factor),
              invoicedBase: invoicedBase[index],
              billingBase: line.baseQuantity,
            };
          });
          assertWithinShipped(billing);
          invoice.lines.forEach((line) => {
            const index = Number(line.orderLineId.slice(3)) - 1;
            invoicedBase[index] = invoicedBase[index].plus(line.baseQuantity);
            linesInvoiced[index] += 1;
          });
          invoices.push(invoice);
          oracleByShipment.push(
            quantities.reduce(
              (sum, quantity, index) =>
                quantity === 0
                  ? sum
                  : sum + oracleNet(quantity, model.lines[index].priceTenThousandths, currency),
              0n,
            ),
          );

          if (shipment.billTwice) {
            // The same shipment billed again would exceed what shipped: refused.
            const again = billing.map((entry, position) => ({
              ...entry,
              invoicedBase: invoicedBase[Number(invoice.lines[position].orderLineId.slice(3)) - 1],
            }));
            expect(() => assertWithinShipped(again)).toThrow(
              expect.objectContaining({ code: DomainErrorCode.INVOICE_EXCEEDS_SHIPPED }),
            );
          }
        }

        // 1. Quantities: what was invoiced per line is what shipped, never beyond the order.
        model.lines.forEach((line, index) => {
          const invoiced = invoices
            .flatMap((invoice) => invoice.lines)
            .filter((entry) => entry.orderLineId === `ol-${index + 1}`)
            .reduce((sum, entry) => sum.plus(entry.quantity), new Decimal(0));
          expect(invoiced.toNumber()).toBe(shipped[index]);
          expect(shipped[index]).toBeLessThanOrEqual(line.ordered);
          expect(
            invoicedBase[index].equals(new Decimal(shipped[index]).times(line.unit.factor)),
          ).toBe(true);
        });

        // 2. Value: the sum invoiced is the value shipped at contract price, shipment by shipment.
        const invoicedNet = invoices.reduce(
          (sum, invoice) => sum + toMinor(invoice.subtotal.amount, currency),
          0n,
        );
        expect(invoicedNet).toBe(oracleByShipment.reduce((sum, value) => sum + value, 0n));

        // 3. Rounding: every line rounded once, every total the sum of its rounded lines.
        for (const invoice of invoices) {
          let net = 0n;
          let tax = 0n;
          for (const line of invoice.lines) {
            const exact = line.quantity.times(line.unitPrice);
            const half = new Decimal(5).div(new Decimal(10).pow(minorUnits(currency) + 1));
            expect(line.net.amount.minus(exact).abs().lte(half)).toBe(true);
            expect(line.total.amount.equals(line.net.amount.plus(line.tax.amount))).toBe(true);
            net += toMinor(line.net.amount, currency);
            tax += toMinor(line.tax.amount, currency);
          }
          expect(toMinor(invoice.subtotal.amount, currency)).toBe(net);
          expect(toMinor(invoice.taxTotal.amount, currency)).toBe(tax);
          expect(toMinor(invoice.total.amount, currency)).toBe(
            net + tax + toMinor(invoice.freight.amount, currency),
          );
        }

        // 4. Across partial shipments a line drifts from one rounding of its whole quantity by at
        //    most half a minor unit per invoice it appears on.
        model.lines.forEach((line, index) => {
          const billed = invoices
            .flatMap((invoice) => invoice.lines)
            .filter((entry) => entry.orderLineId === `ol-${index + 1}`)
            .reduce((sum, entry) => sum + toMinor(entry.net.amount, currency), 0n);
          const once = oracleNet(shipped[index], line.priceTenThousandths, currency);
          const drift = billed > once ? billed - once : once - billed;
          expect(drift * 2n).toBeLessThanOrEqual(BigInt(linesInvoiced[index]));
        });

        // 5. Credits never take more than a line holds; open balances stay total - credits >= 0.
        const state = invoices.map((invoice) => ({
          openMinor: toMinor(invoice.total.amount, currency),
          creditedMinor: 0n,
          lines: invoice.lines.map((line, position): CreditableInvoiceLine => ({
            invoiceLineId: `il-${position}`,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            taxPercent: line.taxPercent,
            net: line.net.amount,
            tax: line.tax.amount,
            quantityCredited: new Decimal(0),
            netCredited: new Decimal(0),
            taxCredited: new Decimal(0),
          })),
        }));
        for (const credit of model.credits) {
          if (state.length === 0) break;
          const target = state[credit.invoice % state.length];
          const line = target.lines[credit.line % target.lines.length];
          const request = credit.byAmount
            ? {
                invoiceLineId: line.invoiceLineId,
                amount: line.net
                  .times(credit.size)
                  .div(100)
                  .toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN),
              }
            : {
                invoiceLineId: line.invoiceLineId,
                quantity: new Decimal(
                  Math.max(1, Math.round((line.quantity.toNumber() * credit.size) / 100)),
                ),
              };
          let memo;
          try {
            memo = computeCreditMemo({
              currency,
              reason: credit.byAmount ? 'price_correction' : 'return',
              lines: [request],
              invoiceLines: target.lines,
              openBalance: new Decimal(target.openMinor.toString()).div(10 ** minorUnits(currency)),
            });
          } catch (error) {
            expect(isDomainError(error) && error.code.startsWith('CREDITING.')).toBe(true);
            continue;
          }
          const [taken] = memo.lines;
          const index = target.lines.indexOf(line);
          target.lines[index] = {
            ...line,
            quantityCredited: line.quantityCredited.plus(taken.quantityUsed),
            netCredited: line.netCredited.plus(taken.net.amount),
            taxCredited: line.taxCredited.plus(taken.tax.amount),
          };
          target.openMinor -= toMinor(memo.total.amount, currency);
          target.creditedMinor += toMinor(memo.total.amount, currency);
        }
        state.forEach((invoice, position) => {
          expect(invoice.openMinor >= 0n).toBe(true);
          expect(invoice.openMinor + invoice.creditedMinor).toBe(
            toMinor(invoices[position].total.amount, currency),
          );
          for (const line of invoice.lines) {
            expect(line.quantityCredited.lte(line.quantity)).toBe(true);
            expect(line.netCredited.lte(line.net)).toBe(true);
            expect(line.taxCredited.lte(line.tax)).toBe(true);
          }
        });
      }),
      { numRuns: 500 },
    );
    expect(runs).toBe(500);
  });
});
