import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { Item } from '@o2c/persistence';
import type { ItemFieldsBody } from './item.contract';
import { parsePriceAmount } from './money-input.parser';

/** Copies validated request fields onto the item; amounts must be in the item's currency. */
export function applyItemFields(item: Item, body: ItemFieldsBody): void {
  if (body.description !== undefined) item.description = body.description;
  if (body.standardCost !== undefined) {
    item.standardCost = parsePriceAmount(
      body.standardCost,
      item.currency,
      '/body/standardCost',
      'item',
    );
  }
  if (body.listPrice !== undefined) {
    item.listPrice = parsePriceAmount(body.listPrice, item.currency, '/body/listPrice', 'item');
  }
  if (body.productGroup !== undefined) item.productGroup = body.productGroup;
  if (body.sellable !== undefined) item.sellable = body.sellable;
}

/** Substitutes are other items, each listed once. */
export function assertSubstituteSkus(skus: string[], ownSku: string): void {
  const seen = new Set<string>();
  skus.forEach((sku, index) => {
    const path = `/body/substitutes/${index}`;
    if (sku === ownSku) {
      throw ProblemException.invalid(path, 'not-self', 'an item cannot substitute for itself');
    }
    if (seen.has(sku)) throw ProblemException.invalid(path, 'unique', `${sku} is listed twice`);
    seen.add(sku);
  });
}

/** Every substitute SKU must name an existing item (422, naming the entry). */
export function orderedSubstitutes(skus: string[], found: Item[]): Item[] {
  return skus.map((sku, index) => {
    const item = found.find((candidate) => candidate.sku === sku);
    if (!item) {
      const message = `no item has SKU ${sku}`;
      throw new ProblemException(ApiErrorCode.REFERENCE_NOT_FOUND, message, [
        { path: `/body/substitutes/${index}`, rule: 'exists', message },
      ]);
    }
    return item;
  });
}

export function duplicateSku(sku: string): ProblemException {
  const message = `an item with SKU ${sku} already exists`;
  return new ProblemException(ApiErrorCode.ALREADY_EXISTS, message, [
    { path: '/body/sku', rule: 'unique', message },
  ]);
}
