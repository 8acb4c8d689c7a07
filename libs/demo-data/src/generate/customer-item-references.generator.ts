import type { CustomerItemReferenceRow, CustomerSegment } from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';
import type { CustomerProfile } from './customers.generator';
import type { ItemProfile } from './items.generator';

/** Plants and OEMs order by their own part numbers; few job shops bother. */
const REFERENCE_ODDS: Readonly<Record<CustomerSegment, number>> = {
  'machine-shop': 0.04,
  contractor: 0.04,
  mro: 0.25,
  oem: 0.35,
};

type PartNumberStyle = (customer: CustomerProfile, random: SeededRandom) => string;

const PART_NUMBER_STYLES: readonly PartNumberStyle[] = [
  (customer, random) => `${customer.initials}-${random.int(100_000, 999_999)}`,
  (_, random) => `P${random.int(10_000, 99_999)}`,
  (_, random) => `MRO-${random.int(1000, 9999)}-${random.pick(['A', 'B', 'C'])}`,
  (customer, random) => `${customer.initials}${random.int(1000, 9999)}.${random.int(10, 99)}`,
];

/**
 * A few accounts map their own part numbers to our items, mostly items they hold contracts
 * for. Each account sticks to one numbering style, as a real ERP would.
 */
export function generateCustomerItemReferences(
  customers: readonly CustomerProfile[],
  items: readonly ItemProfile[],
  contractItems: readonly number[][],
  seed: number,
): CustomerItemReferenceRow[] {
  const random = SeededRandom.from(seed, 'customer-item-references');
  const ids = SeededRandom.from(seed, 'customer-item-references/ids');
  const rows: CustomerItemReferenceRow[] = [];
  if (items.length === 0) return rows;

  customers.forEach((customer, c) => {
    if (!random.chance(REFERENCE_ODDS[customer.segment])) return;
    const style = random.pick(PART_NUMBER_STYLES);
    const contracted = contractItems[c] ?? [];
    const wanted = Math.min(random.int(3, 12), items.length);
    const itemIndices = new Set(contracted.slice(0, wanted));
    while (itemIndices.size < wanted) itemIndices.add(random.int(0, items.length - 1));

    const numbers = new Set<string>();
    for (const itemIndex of itemIndices) {
      let partNumber = style(customer, random);
      while (numbers.has(partNumber)) partNumber = style(customer, random);
      numbers.add(partNumber);
      rows.push({
        id: ids.uuid(),
        customerId: customer.id,
        customerItemNumber: partNumber,
        itemId: items[itemIndex].id,
      });
    }
  });
  return rows;
}
