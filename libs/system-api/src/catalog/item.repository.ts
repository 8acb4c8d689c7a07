import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@o2c/http';
import { Item, ItemSubstitute, ItemUomConversion } from '@o2c/persistence';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ListItemsQuery } from './item.contract';
import type { ValidConversion } from './item-units.validator';

export interface ItemRecord {
  item: Item;
  conversions: ItemUomConversion[];
  /** Ordered by priority, with the substitute item loaded. */
  substitutes: ItemSubstitute[];
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

@Injectable()
export class ItemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Keyset page ordered by SKU; fetches one extra row to know if more follow. */
  async findPage(query: ListItemsQuery & { limit: number }): Promise<ItemRecord[]> {
    const after = decodeCursor(query.cursor, ['text']);
    const builder = this.dataSource
      .getRepository(Item)
      .createQueryBuilder('item')
      .orderBy('item.sku', 'ASC')
      .limit(query.limit + 1);
    if (query.productGroup) {
      builder.andWhere('item.productGroup = :group', { group: query.productGroup });
    }
    if (query.sellable !== undefined) {
      builder.andWhere('item.sellable = :sellable', { sellable: query.sellable });
    }
    if (query.q) {
      builder.andWhere('(item.sku ILIKE :prefix OR item.description ILIKE :prefix)', {
        prefix: likePrefix(query.q),
      });
    }
    if (after) builder.andWhere('item.sku > :after', { after: after[0] });
    return this.withChildren(this.dataSource.manager, await builder.getMany());
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ItemRecord | undefined> {
    const item = await manager.findOne(Item, { where: { id } });
    if (!item) return undefined;
    const [found] = await this.withChildren(manager, [item]);
    return found;
  }

  /** Locks the row for the rest of the transaction; updates serialize per item. */
  lockById(manager: EntityManager, id: string): Promise<Item | null> {
    return manager.findOne(Item, { where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  async skuExists(manager: EntityManager, sku: string): Promise<boolean> {
    return manager.exists(Item, { where: { sku } });
  }

  findBySkus(manager: EntityManager, skus: string[]): Promise<Item[]> {
    if (skus.length === 0) return Promise.resolve([]);
    return manager.find(Item, { where: { sku: In(skus) } });
  }

  async replaceConversions(
    manager: EntityManager,
    itemId: string,
    conversions: ValidConversion[],
  ): Promise<void> {
    // Removed as entities (not by criteria) so the audit trail records each row it had.
    await manager.remove(await manager.find(ItemUomConversion, { where: { itemId } }));
    if (conversions.length === 0) return;
    await manager.insert(
      ItemUomConversion,
      conversions.map((conversion) => ({ itemId, uom: conversion.uom, toBase: conversion.toBase })),
    );
  }

  /** Priority follows the order given: the first substitute is tried first. */
  async replaceSubstitutes(
    manager: EntityManager,
    itemId: string,
    substitutes: Item[],
  ): Promise<void> {
    await manager.remove(await manager.find(ItemSubstitute, { where: { itemId } }));
    if (substitutes.length === 0) return;
    await manager.insert(
      ItemSubstitute,
      substitutes.map((substitute, index) => ({
        itemId,
        substituteItemId: substitute.id,
        priority: index + 1,
      })),
    );
  }

  private async withChildren(manager: EntityManager, items: Item[]): Promise<ItemRecord[]> {
    if (items.length === 0) return [];
    const itemIds = In(items.map((item) => item.id));
    // Sequential on purpose: inside a transaction the manager has a single connection.
    const conversions = await manager.find(ItemUomConversion, {
      where: { itemId: itemIds },
      order: { uom: 'ASC' },
    });
    const substitutes = await manager.find(ItemSubstitute, {
      where: { itemId: itemIds },
      relations: { substituteItem: true },
      order: { priority: 'ASC' },
    });
    return items.map((item) => ({
      item,
      conversions: conversions.filter((conversion) => conversion.itemId === item.id),
      substitutes: substitutes.filter((substitute) => substitute.itemId === item.id),
    }));
  }
}
