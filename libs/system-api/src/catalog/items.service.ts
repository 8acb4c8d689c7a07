import { Injectable } from '@nestjs/common';
import { parseCurrency, parseUnitCode } from '@o2c/domain';
import { expectedVersion, type Page, ProblemException, staleVersion, toPage } from '@o2c/http';
import { Item } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { CreateItemBody, ListItemsQuery, UpdateItemBody } from './item.contract';
import {
  applyItemFields,
  assertSubstituteSkus,
  duplicateSku,
  orderedSubstitutes,
} from './item-fields.mapper';
import { validConversions } from './item-units.validator';
import { type ItemView, presentItem } from './item.presenter';
import { ItemRepository } from './item.repository';

/** Item master data: reads, creation and conditional updates, one transaction each. */
@Injectable()
export class ItemsService {
  constructor(private readonly items: ItemRepository) {}

  async list(query: ListItemsQuery): Promise<Page<ItemView>> {
    const limit = query.limit;
    const rows = await this.items.findPage({ ...query, limit });
    return toPage(rows, limit, (row) => [row.item.sku], presentItem);
  }

  async get(id: string): Promise<ItemView> {
    const found = await this.items.findById(id);
    if (!found) throw ProblemException.notFound('item', id);
    return presentItem(found);
  }

  create(body: CreateItemBody): Promise<ItemView> {
    const currency = parseCurrency(body.currency, '/body/currency');
    const baseUom = parseUnitCode(body.baseUom, '/body/baseUom');
    const conversions = validConversions(baseUom, body.conversions ?? []);
    const substituteSkus = body.substitutes ?? [];
    assertSubstituteSkus(substituteSkus, body.sku);
    return this.items.transaction(async (manager) => {
      // Checked first to name the field; the unique constraint still settles a race (409 too).
      if (await this.items.skuExists(manager, body.sku)) throw duplicateSku(body.sku);
      const substitutes = orderedSubstitutes(
        substituteSkus,
        await this.items.findBySkus(manager, substituteSkus),
      );
      const item = manager.create(Item, {
        sku: body.sku,
        baseUom,
        currency,
        sellable: true,
        productGroup: null,
      });
      applyItemFields(item, body);
      const saved = await manager.save(item);
      await this.items.replaceConversions(manager, saved.id, conversions);
      await this.items.replaceSubstitutes(manager, saved.id, substitutes);
      return this.present(manager, saved.id);
    });
  }

  /** Conversions and substitutes, when sent, replace the stored lists; the version always moves. */
  update(id: string, ifMatch: string | undefined, body: UpdateItemBody): Promise<ItemView> {
    const expected = expectedVersion(ifMatch);
    return this.items.transaction(async (manager) => {
      const item = await this.items.lockById(manager, id);
      if (!item) throw ProblemException.notFound('item', id);
      if (item.version !== expected) throw staleVersion('item', id, item.version);
      applyItemFields(item, body);
      if (body.conversions !== undefined) {
        const baseUom = parseUnitCode(item.baseUom, 'baseUom');
        const conversions = validConversions(baseUom, body.conversions);
        await this.items.replaceConversions(manager, id, conversions);
      }
      if (body.substitutes !== undefined) {
        assertSubstituteSkus(body.substitutes, item.sku);
        const found = await this.items.findBySkus(manager, body.substitutes);
        await this.items.replaceSubstitutes(
          manager,
          id,
          orderedSubstitutes(body.substitutes, found),
        );
      }
      item.updatedAt = new Date();
      await manager.save(item);
      return this.present(manager, id);
    });
  }

  private async present(manager: EntityManager, id: string): Promise<ItemView> {
    const found = await this.items.findById(id, manager);
    if (!found) throw ProblemException.notFound('item', id);
    return presentItem(found);
  }
}
