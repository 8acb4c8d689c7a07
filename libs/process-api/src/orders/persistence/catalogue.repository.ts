import { Injectable } from '@nestjs/common';
import { Decimal, type PriceAgreementTerms, type UomConversion } from '@o2c/domain';
import { preparedStatement, queryPrepared, type StatementBatch } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { ItemReference } from '../flow/known-references';

/** An item as order lines use it; prices and cost per base unit. */
export interface CatalogueItem {
  id: string;
  sku: string;
  description: string;
  baseUom: string;
  standardCost: Decimal;
  listPrice: Decimal;
  currency: string;
  sellable: boolean;
  conversions: UomConversion[];
  /** Substitute item ids, most preferred first. */
  substitutes: string[];
  /** This customer's own numbers for the item, among those asked for. */
  customerItemNumbers: string[];
}

export interface AgreementTerms extends PriceAgreementTerms {
  itemId: string;
}

/** An item with the customer's contract terms on the pricing date. */
export interface PricedCatalogueItem extends CatalogueItem {
  agreements: AgreementTerms[];
}

export interface WarehouseRef {
  id: string;
  code: string;
  regionsServed: string[];
}

type ItemRow = Omit<CatalogueItem, 'standardCost' | 'listPrice'> & {
  standardCost: string;
  listPrice: string;
};

type PricedItemRow = ItemRow & { agreements: AgreementRow[] };

interface AgreementRow {
  id: string;
  itemId: string;
  unitPrice: string;
  validFrom: string;
  validTo: string | null;
  breaks: { minQuantity: string; unitPrice: string }[];
}

/** Items named by id, SKU or one of the customer's own item numbers, with their units and
 *  substitutes: one statement for the whole order. The three ways in are a UNION, not an OR:
 *  an OR across them makes PostgreSQL scan every item (700 ms at 100,000 items). With
 *  `pricing`, each item also carries the customer's agreements valid on $6 in currency $5. */
const findItemsSql = (pricing: boolean) => `
  WITH wanted AS (
    SELECT id FROM items WHERE sku = ANY($2::text[])
    UNION SELECT unnest($4::uuid[])
    UNION SELECT r.item_id FROM customer_item_references r
           WHERE r.customer_id = $1 AND r.customer_item_number = ANY($3::text[])
  )
  SELECT i.id, i.sku, i.description, i.base_uom AS "baseUom",
         i.standard_cost::text AS "standardCost", i.list_price::text AS "listPrice",
         i.currency, i.sellable,
         COALESCE((SELECT json_agg(json_build_object('uom', c.uom, 'toBase', c.to_base::text))
                     FROM item_uom_conversions c WHERE c.item_id = i.id), '[]'::json) AS conversions,
         ARRAY(SELECT s.substitute_item_id::text FROM item_substitutes s WHERE s.item_id = i.id
                ORDER BY s.priority, s.substitute_item_id) AS substitutes,
         ARRAY(SELECT r.customer_item_number FROM customer_item_references r
                WHERE r.customer_id = $1 AND r.item_id = i.id
                  AND r.customer_item_number = ANY($3::text[])) AS "customerItemNumbers"
         ${pricing ? `, ${ITEM_AGREEMENTS} AS agreements` : ''}
    FROM items i JOIN wanted w ON w.id = i.id`;

/** The customer's agreements for item i valid on the pricing date in the order currency. */
const ITEM_AGREEMENTS = `COALESCE((
    SELECT json_agg(json_build_object(
             'id', a.id, 'itemId', a.item_id, 'unitPrice', a.contract_price::text,
             'validFrom', a.valid_from::text, 'validTo', a.valid_to::text,
             'breaks', COALESCE((SELECT json_agg(json_build_object(
                                          'minQuantity', b.min_quantity::text,
                                          'unitPrice', b.unit_price::text)
                                        ORDER BY b.min_quantity)
                                   FROM price_agreement_breaks b WHERE b.agreement_id = a.id),
                                '[]'::json)))
      FROM price_agreements a
     WHERE a.customer_id = $1 AND a.item_id = i.id AND a.currency = $5
       AND a.valid_from <= $6::date AND (a.valid_to IS NULL OR a.valid_to >= $6::date)),
    '[]'::json)`;

const FIND_ITEMS = preparedStatement('find-items', findItemsSql(false));
const FIND_PRICED_ITEMS = findItemsSql(true);

const ACTIVE_WAREHOUSES = preparedStatement(
  'active-warehouses',
  `SELECT id, code, regions_served AS "regionsServed" FROM warehouses WHERE active ORDER BY code, id`,
);

const ITEM_REFERENCES = `
  SELECT id, sku, description, base_uom AS "baseUom" FROM items WHERE id = ANY($1::uuid[])`;

@Injectable()
export class CatalogueRepository {
  async findItems(
    manager: EntityManager,
    customerId: string,
    names: { skus?: string[]; customerItemNumbers?: string[]; ids?: string[] },
  ): Promise<CatalogueItem[]> {
    const rows = await queryPrepared<ItemRow>(manager, FIND_ITEMS, [
      customerId,
      names.skus ?? [],
      names.customerItemNumbers ?? [],
      names.ids ?? [],
    ]);
    return rows.map(catalogueItem);
  }

  /** Items as findItems() finds them, each with the customer's agreements valid `on` in
   *  `currency` (what pricing needs), as a part of the caller's batch. */
  findPricedItemsIn(
    batch: StatementBatch,
    customerId: string,
    names: { skus?: string[]; customerItemNumbers?: string[] },
    pricing: { currency: string; on: string },
  ): () => PricedCatalogueItem[] {
    const values = [
      customerId,
      names.skus ?? [],
      names.customerItemNumbers ?? [],
      [],
      pricing.currency,
      pricing.on,
    ];
    return batch.read<PricedItemRow, PricedCatalogueItem[]>(FIND_PRICED_ITEMS, values, (rows) =>
      rows.map(({ agreements, ...row }) => ({
        ...catalogueItem(row),
        agreements: agreements.map(agreementTerms),
      })),
    );
  }

  activeWarehouses(manager: EntityManager): Promise<WarehouseRef[]> {
    return queryPrepared<WarehouseRef>(manager, ACTIVE_WAREHOUSES, []);
  }

  /** SKU and description of items (e.g. substitutes chosen by allocation). */
  async itemNames(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { sku: string; description: string }>> {
    const items = await this.itemReferences(manager, ids);
    return new Map(items.map(({ id, sku, description }) => [id, { sku, description }]));
  }

  /** What answers show of items (e.g. substitutes chosen by allocation). */
  itemReferences(manager: EntityManager, ids: string[]): Promise<ItemReference[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query<ItemReference[]>(ITEM_REFERENCES, [ids]);
  }
}

function catalogueItem(row: ItemRow): CatalogueItem {
  return {
    ...row,
    standardCost: new Decimal(row.standardCost),
    listPrice: new Decimal(row.listPrice),
  };
}

function agreementTerms(row: AgreementRow): AgreementTerms {
  return {
    id: row.id,
    itemId: row.itemId,
    unitPrice: new Decimal(row.unitPrice),
    validFrom: row.validFrom,
    validTo: row.validTo,
    breaks: row.breaks.map((priceBreak) => ({
      minQuantity: new Decimal(priceBreak.minQuantity),
      unitPrice: new Decimal(priceBreak.unitPrice),
    })),
  };
}
