import type { ProductGroup } from '../catalogue/products/product-family.model';
import { centsToDecimal, scalePercent } from '../money/cents.arithmetic';
import type { PriceAgreementBreakRow, PriceAgreementRow } from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';
import { AgreementCalendar } from './agreement-calendar';
import {
  agreementValidity,
  BREAK_ODDS,
  breakTiers,
  CAD_PER_USD_PERCENT,
  contractPriceCents,
} from './agreement-pricing.policy';
import type { CustomerProfile } from './customers.generator';
import type { ItemProfile } from './items.generator';

/** Bounds that keep a 10,000-customer load proportional but finite. */
export const MAX_PRICE_AGREEMENTS = 250_000;
const FOCUS_SHARE = 0.8;

export interface GeneratedAgreements {
  agreements: PriceAgreementRow[];
  breaks: PriceAgreementBreakRow[];
  /** Item indices under contract, per customer (same order as the customer profiles). */
  contractItems: number[][];
}

class SellableItems {
  readonly all: number[] = [];
  readonly byGroup = new Map<ProductGroup, number[]>();

  constructor(items: readonly ItemProfile[]) {
    items.forEach((item, index) => {
      if (!item.sellable) return;
      this.all.push(index);
      const group = this.byGroup.get(item.group) ?? [];
      group.push(index);
      this.byGroup.set(item.group, group);
    });
  }

  /** Mostly from the account's focus groups, sometimes anything sellable. */
  draw(customer: CustomerProfile, random: SeededRandom): number {
    const groups = customer.focusGroups.filter((group) => this.byGroup.has(group));
    if (groups.length > 0 && random.chance(FOCUS_SHARE)) {
      return random.pick(this.byGroup.get(random.pick(groups)) ?? this.all);
    }
    return random.pick(this.all);
  }
}

function toCurrency(usdCents: number, currency: string): string {
  return centsToDecimal(
    currency === 'CAD' ? scalePercent(usdCents, CAD_PER_USD_PERCENT) : usdCents,
  );
}

/**
 * Contract prices for a subset of customer x item pairs, one agreement per pair, in the
 * customer's currency. Each account asks for its target count, limited to a quarter of the
 * sellable items, and the whole set stops at MAX_PRICE_AGREEMENTS.
 */
export function generatePriceAgreements(
  customers: readonly CustomerProfile[],
  items: readonly ItemProfile[],
  seed: number,
  asOf: string,
): GeneratedAgreements {
  const random = SeededRandom.from(seed, 'price-agreements');
  const ids = SeededRandom.from(seed, 'price-agreements/ids');
  const breakIds = SeededRandom.from(seed, 'price-agreement-breaks/ids');
  const calendar = new AgreementCalendar(asOf);
  const sellable = new SellableItems(items);
  const perCustomerCap = Math.floor(sellable.all.length / 4);
  const result: GeneratedAgreements = { agreements: [], breaks: [], contractItems: [] };

  for (const customer of customers) {
    const room = MAX_PRICE_AGREEMENTS - result.agreements.length;
    const target = Math.min(customer.agreementTarget, perCustomerCap, room);
    const chosen = new Set<number>();
    for (let attempt = 0; chosen.size < target && attempt < target * 4; attempt += 1) {
      chosen.add(sellable.draw(customer, random));
    }
    result.contractItems.push([...chosen]);

    for (const itemIndex of chosen) {
      const item = items[itemIndex];
      const id = ids.uuid();
      const contractCents = contractPriceCents(item, customer.segment, random);
      result.agreements.push({
        id,
        customerId: customer.id,
        itemId: item.id,
        currency: customer.currency,
        contractPrice: toCurrency(contractCents, customer.currency),
        ...agreementValidity(calendar, random),
      });
      if (!random.chance(BREAK_ODDS[customer.segment])) continue;
      for (const tier of breakTiers(item, contractCents, random)) {
        result.breaks.push({
          id: breakIds.uuid(),
          agreementId: id,
          minQuantity: String(tier.minQuantity),
          unitPrice: toCurrency(tier.unitPriceCents, customer.currency),
        });
      }
    }
  }
  return result;
}
