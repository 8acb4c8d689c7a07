import {
  LEGAL_SUFFIXES_CA,
  LEGAL_SUFFIXES_US,
  NAME_PATTERNS,
  NAME_STEMS,
} from '../catalogue/customer-names.catalogue';
import type { Place } from '../catalogue/sales-regions.catalogue';
import type { CustomerSegment } from '../model/demo-data.types';
import type { SeededRandom } from '../random/seeded-random';

/**
 * Company names such as "Dayton Precision Machining LLC". Names repeat across 10,000 accounts
 * unless made distinct, so a taken name gets its city, then a number, like real legal entities.
 */
export class CustomerNameFactory {
  private readonly taken = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(segment: CustomerSegment, place: Place): string {
    const stem = this.random.chance(0.2) ? place.city : this.random.pick(NAME_STEMS);
    const base = this.random.pick(NAME_PATTERNS[segment]).replace('{stem}', stem);
    const suffixes = place.country === 'CA' ? LEGAL_SUFFIXES_CA : LEGAL_SUFFIXES_US;
    // Public bodies and names ending in "Company" carry no legal suffix.
    const suffix = /(Company|Authority|Cooperative|Medical Center)$/.test(base)
      ? ''
      : this.random.pick(suffixes);
    const name = `${base}${suffix}`;
    return this.claim(name, `${name} (${place.city})`);
  }

  private claim(...candidates: string[]): string {
    for (const candidate of candidates) {
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    const last = candidates[candidates.length - 1];
    for (let n = 2; ; n += 1) {
      const numbered = `${last} #${n}`;
      if (!this.taken.has(numbered)) {
        this.taken.add(numbered);
        return numbered;
      }
    }
  }
}

/** Upper-case name without punctuation, the way it shows on bank remittances. */
export function remittanceName(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.,#()&'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 'Summit Precision Machining LLC' -> 'SPM'. */
export function initials(name: string): string {
  const words = name
    .replace(/\(.*\)|#\d+/g, '')
    .split(/[\s-]+/)
    .filter((word) => /^[A-Z]/.test(word) && !/^(Inc|LLC|Co|Corp|Ltd|Ltée)\.?$/.test(word));
  return words
    .map((word) => word[0])
    .join('')
    .slice(0, 4);
}
