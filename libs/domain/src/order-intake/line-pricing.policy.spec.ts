import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import type { ResolvedUnitPrice } from '../pricing/contract-price.resolver';
import { captureDomainError } from '../testing/domain-error.capture';
import { type LinePricingInput, perUom, priceOrderLine } from './line-pricing.policy';

const d = (value: string) => new Decimal(value);
const contract = (price: string): ResolvedUnitPrice => ({
  unitPrice: d(price),
  source: 'contract',
  agreementId: 'agreement-1',
});
const list = (price: string): ResolvedUnitPrice => ({
  unitPrice: d(price),
  source: 'list',
  agreementId: null,
});
const input = (overrides: Partial<LinePricingInput> = {}): LinePricingInput => ({
  resolved: contract('0.85'),
  unitsPerUom: d('1'),
  requestedUnitPrice: null,
  tolerancePercent: d('2.5'),
  action: 'hold',
  standardCost: d('0.42'),
  marginFloorPercent: null,
  ...overrides,
});

describe('priceOrderLine', () => {
  it('charges the contract price per ordered unit when nothing is requested', () => {
    const pricing = priceOrderLine(input({ unitsPerUom: d('12') }));
    expect(pricing.unitPrice.toString()).toBe('10.2');
    expect(pricing.contractUnitPrice?.toString()).toBe('10.2');
    expect(pricing.priceSource).toBe('contract');
    expect(pricing.deviationPercent).toBeNull();
    expect(pricing.holdReasons).toEqual([]);
    // (10.20 - 12 x 0.42) / 10.20 = 50.58...%, rounded down
    expect(pricing.marginPercent.toString()).toBe('50.58');
  });

  it('uses the list price without a contract and reports no contract price', () => {
    const pricing = priceOrderLine(input({ resolved: list('0.95') }));
    expect(pricing.priceSource).toBe('list');
    expect(pricing.contractUnitPrice).toBeNull();
    expect(pricing.unitPrice.toString()).toBe('0.95');
  });

  it('accepts a requested price within tolerance and still charges the contract price', () => {
    const pricing = priceOrderLine(input({ requestedUnitPrice: d('0.83') }));
    expect(pricing.unitPrice.toString()).toBe('0.85');
    expect(pricing.priceSource).toBe('contract');
    expect(pricing.deviationPercent?.toString()).toBe('-2.36');
    expect(pricing.holdReasons).toEqual([]);
  });

  it('holds a requested price outside tolerance when the policy says hold', () => {
    const pricing = priceOrderLine(input({ requestedUnitPrice: d('0.80') }));
    expect(pricing.holdReasons).toEqual(['PRICE.OUTSIDE_TOLERANCE']);
    expect(pricing.priceSource).toBe('contract');
    expect(pricing.unitPrice.toString()).toBe('0.85');
  });

  it('corrects a requested price outside tolerance when the policy says correct', () => {
    const pricing = priceOrderLine(input({ requestedUnitPrice: d('0.80'), action: 'correct' }));
    expect(pricing.holdReasons).toEqual([]);
    expect(pricing.priceSource).toBe('corrected');
    expect(pricing.unitPrice.toString()).toBe('0.85');
    expect(pricing.deviationPercent?.toString()).toBe('-5.89');
  });

  it('compares the requested price per ordered unit, not per base unit', () => {
    // 12 x 0.85 = 10.20 per case; 10.00 is 1.96 % below: inside 2.5 %.
    const pricing = priceOrderLine(input({ unitsPerUom: d('12'), requestedUnitPrice: d('10') }));
    expect(pricing.holdReasons).toEqual([]);
    expect(pricing.deviationPercent?.toString()).toBe('-1.97');
  });

  it('holds a line below the margin floor, on top of a price outside tolerance', () => {
    const below = priceOrderLine(input({ marginFloorPercent: d('60') }));
    expect(below.holdReasons).toEqual(['PRICE.BELOW_MARGIN_FLOOR']);
    const both = priceOrderLine(
      input({ marginFloorPercent: d('60'), requestedUnitPrice: d('0.5') }),
    );
    expect(both.holdReasons).toEqual(['PRICE.OUTSIDE_TOLERANCE', 'PRICE.BELOW_MARGIN_FLOOR']);
    expect(priceOrderLine(input({ marginFloorPercent: d('50') })).holdReasons).toEqual([]);
  });

  it('rounds the per-unit price half up to 4 decimals once, before comparing', () => {
    expect(perUom(d('1.23456'), d('1')).toString()).toBe('1.2346');
    expect(perUom(d('0.0125'), d('0.3048')).toString()).toBe('0.0038');
    const feet = priceOrderLine(input({ resolved: list('2.5'), unitsPerUom: d('0.3048') }));
    expect(feet.unitPrice.toString()).toBe('0.762');
  });

  it('refuses a zero or negative unit factor and negative costs', () => {
    expect(captureDomainError(() => priceOrderLine(input({ unitsPerUom: d('0') })))).toMatchObject({
      code: DomainErrorCode.UOM_INVALID_CONVERSION,
      field: 'unitsPerUom',
    });
    expect(
      captureDomainError(() => priceOrderLine(input({ standardCost: d('-1') }))),
    ).toMatchObject({ code: DomainErrorCode.MONEY_NEGATIVE_AMOUNT, field: 'standardCost' });
  });
});
