import type { ItemSubstituteRow } from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';
import type { ItemProfile } from './items.generator';

const LINKED_GROUP_ODDS = 0.4;
/** Keeps substitutes "a few" on big catalogues, where nearly every item has brand twins. */
const LINKED_ITEM_SHARE = 0.03;
const LINKED_PER_GROUP = 3;
const DISCONTINUED_REPLACEMENT_ODDS = 0.6;
const MAX_SUBSTITUTES = 2;

function indexBy(
  items: readonly ItemProfile[],
  key: (item: ItemProfile) => string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const group = groups.get(key(item)) ?? [];
    group.push(index);
    groups.set(key(item), group);
  });
  return groups;
}

/**
 * Substitutes come from items that differ only in brand or finish (same substitute key), for a
 * share of such groups; a discontinued item with no such twin often points at a sellable item
 * of its family. Priorities start at 1; an item never substitutes itself.
 */
export function generateItemSubstitutes(
  items: readonly ItemProfile[],
  seed: number,
): ItemSubstituteRow[] {
  const random = SeededRandom.from(seed, 'item-substitutes');
  const ids = SeededRandom.from(seed, 'item-substitutes/ids');
  const rows: ItemSubstituteRow[] = [];
  const link = (from: number, to: readonly number[]) =>
    to.forEach((target, rank) =>
      rows.push({
        id: ids.uuid(),
        itemId: items[from].id,
        substituteItemId: items[target].id,
        priority: rank + 1,
      }),
    );

  const twinGroups = [...indexBy(items, (item) => item.substituteKey).values()].filter(
    (group) => group.length > 1,
  );
  const linkable = twinGroups.reduce(
    (sum, group) => sum + Math.min(LINKED_PER_GROUP, group.length),
    0,
  );
  const odds = Math.min(
    LINKED_GROUP_ODDS,
    (LINKED_ITEM_SHARE * items.length) / Math.max(1, linkable),
  );
  const hasTwin = new Set<number>();
  for (const group of twinGroups) {
    group.forEach((index) => hasTwin.add(index));
    if (!random.chance(odds)) continue;
    for (const from of group.slice(0, LINKED_PER_GROUP)) {
      const others = group.filter((index) => index !== from && items[index].sellable);
      link(from, others.slice(0, MAX_SUBSTITUTES));
    }
  }

  const sellableByFamily = indexBy(items, (item) => (item.sellable ? item.familyKey : ''));
  items.forEach((item, index) => {
    if (item.sellable || hasTwin.has(index) || !random.chance(DISCONTINUED_REPLACEMENT_ODDS))
      return;
    const candidates = sellableByFamily.get(item.familyKey);
    if (candidates !== undefined) link(index, [random.pick(candidates)]);
  });
  return rows;
}
