import {
  ACCOUNT_MANAGER_DOMAIN,
  ACCOUNT_MANAGERS,
  SEGMENT_WEIGHTS,
} from '../catalogue/customer-names.catalogue';
import type { ProductGroup } from '../catalogue/products/product-family.model';
import { HOME_REGION_WEIGHTS, type SalesRegion } from '../catalogue/sales-regions.catalogue';
import { centsToDecimal } from '../money/cents.arithmetic';
import type {
  CustomerRow,
  CustomerSegment,
  CustomerShipToRow,
  ShortagePolicy,
} from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';
import { pickPlace, streetAddress } from './address.factory';
import { CustomerNameFactory, initials, remittanceName } from './customer-name.factory';
import {
  pickCreditLimitDollars,
  pickPaymentTerms,
  pickRiskTier,
  pickStatus,
} from './customer-terms.policy';
import { generateShipTos } from './ship-tos.factory';

/** What later generators need to know about a customer beyond its row. */
export interface CustomerProfile {
  id: string;
  segment: CustomerSegment;
  currency: string;
  initials: string;
  /** Product groups this account mostly buys; its contract items come from these. */
  focusGroups: readonly ProductGroup[];
  /** How many price agreements the account would like (before caps). */
  agreementTarget: number;
}

export interface GeneratedCustomers {
  customers: CustomerRow[];
  shipTos: CustomerShipToRow[];
  profiles: CustomerProfile[];
}

const FOCUS_GROUPS: Readonly<Record<CustomerSegment, readonly ProductGroup[]>> = {
  'machine-shop': [
    'cutting-tools',
    'fasteners',
    'abrasives',
    'bearings',
    'hand-tools',
    'pneumatics',
  ],
  contractor: [
    'fasteners',
    'electrical',
    'safety',
    'pipe-valves-fittings',
    'hand-tools',
    'welding',
  ],
  mro: [
    'bearings',
    'power-transmission',
    'electrical',
    'lubricants',
    'safety',
    'sealing',
    'hydraulics',
    'material-handling',
  ],
  oem: ['fasteners', 'bearings', 'hydraulics', 'pneumatics', 'electrical', 'power-transmission'],
};

/** Agreements per account, [min, max]: about 20 on average across the segment mix. */
const AGREEMENT_RANGE: Readonly<Record<CustomerSegment, readonly [number, number]>> = {
  'machine-shop': [4, 18],
  contractor: [6, 24],
  mro: [15, 45],
  oem: [20, 60],
};

const SUBSTITUTION_ODDS: Readonly<Record<CustomerSegment, number>> = {
  'machine-shop': 0.35,
  contractor: 0.6,
  mro: 0.65,
  oem: 0.1,
};

/**
 * Out of 100, so the backorder share (and the draw behind it) is what allowBackorders was;
 * the customers who did not backorder split between cancelling the rest and reviewing it.
 */
const SHORTAGE_POLICY_WEIGHTS: Readonly<
  Record<CustomerSegment, readonly (readonly [ShortagePolicy, number])[]>
> = {
  'machine-shop': [
    ['backorder', 85],
    ['cancel', 8],
    ['review', 7],
  ],
  contractor: [
    ['backorder', 85],
    ['cancel', 10],
    ['review', 5],
  ],
  mro: [
    ['backorder', 85],
    ['cancel', 8],
    ['review', 7],
  ],
  oem: [
    ['backorder', 60],
    ['cancel', 15],
    ['review', 25],
  ],
};

function accountManager(region: SalesRegion, random: SeededRandom): string | null {
  // House accounts have no named manager.
  if (random.chance(0.05)) return null;
  return `${random.pick(ACCOUNT_MANAGERS[region])}@${ACCOUNT_MANAGER_DOMAIN}`;
}

function externalAliases(name: string, random: SeededRandom): string[] {
  const aliases: string[] = [];
  if (random.chance(0.3)) aliases.push(remittanceName(name));
  if (random.chance(0.1))
    aliases.push(`ACH ${random.int(10_000_000, 99_999_999)}-${random.int(1000, 9999)}`);
  return aliases;
}

/** Customers C-000001, C-000002, ... with their ship-tos; the same seed gives the same accounts. */
export function generateCustomers(count: number, seed: number): GeneratedCustomers {
  const random = SeededRandom.from(seed, 'customers');
  const ids = SeededRandom.from(seed, 'customers/ids');
  const shipToIds = SeededRandom.from(seed, 'customer-ship-tos/ids');
  const names = new CustomerNameFactory(random);
  const result: GeneratedCustomers = { customers: [], shipTos: [], profiles: [] };

  for (let number = 1; number <= count; number += 1) {
    const id = ids.uuid();
    const segment = random.weighted(SEGMENT_WEIGHTS);
    const homeRegion = random.weighted(HOME_REGION_WEIGHTS);
    const homePlace = pickPlace(homeRegion, random);
    const name = names.next(segment, homePlace);
    const currency = homePlace.country === 'CA' ? 'CAD' : 'USD';
    const riskTier = pickRiskTier(random);
    const billTo = streetAddress(homePlace, random, 'Accounts Payable');

    result.customers.push({
      id,
      customerNumber: `C-${String(number).padStart(6, '0')}`,
      name,
      status: pickStatus(riskTier, random),
      creditLimit: centsToDecimal(pickCreditLimitDollars(segment, random) * 100),
      currency,
      paymentTerms: pickPaymentTerms(segment, random),
      accountManager: accountManager(homeRegion, random),
      riskTier,
      billTo,
      shortagePolicy: random.weighted(SHORTAGE_POLICY_WEIGHTS[segment]),
      allowSubstitutions: random.chance(SUBSTITUTION_ODDS[segment]),
      priceTolerancePercent: random.weighted([
        ['0', segment === 'oem' ? 80 : 50],
        ['0.5', 15],
        ['1', 20],
        ['2', 10],
        ['5', 5],
      ]),
      priceDeviationAction: random.chance(0.7) ? 'hold' : 'correct',
      overdueDaysLimit: random.weighted([
        [15, 15],
        [30, 55],
        [45, 20],
        [60, 10],
      ]),
      marginFloorPercent: random.chance(0.2)
        ? random.pick(['8', '10', '12.5', '15', '18', '20'])
        : null,
      externalAliases: externalAliases(name, random),
    });
    result.shipTos.push(
      ...generateShipTos(
        { customerId: id, segment, homeRegion, homePlace, billTo },
        random,
        shipToIds,
      ),
    );
    const focus = FOCUS_GROUPS[segment];
    const [fewest, most] = AGREEMENT_RANGE[segment];
    result.profiles.push({
      id,
      segment,
      currency,
      initials: initials(name) || 'CU',
      focusGroups: random.distinctIndices(focus.length, random.int(2, 3)).map((i) => focus[i]),
      agreementTarget: random.int(fewest, most),
    });
  }
  return result;
}
