import { Injectable } from '@nestjs/common';
import type { ItemUnits } from '@o2c/domain';
import { Item, ItemUomConversion } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface StockedItem extends ItemUnits {
  id: string;
  sku: string;
}

/** The unit set-up of an item as the domain's converter expects it. */
@Injectable()
export class ItemUnitsRepository {
  async findById(manager: EntityManager, id: string): Promise<StockedItem | undefined> {
    const item = await manager.findOne(Item, { where: { id } });
    if (!item) return undefined;
    const conversions = await manager.find(ItemUomConversion, { where: { itemId: id } });
    return {
      id: item.id,
      sku: item.sku,
      baseUom: item.baseUom,
      conversions: conversions.map(({ uom, toBase }) => ({ uom, toBase })),
    };
  }
}
