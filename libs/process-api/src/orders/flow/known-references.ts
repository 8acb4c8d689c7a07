/** What the answer shows of an item beside its id. */
export interface ItemReference {
  id: string;
  sku: string;
  description: string;
  baseUom: string;
}

/**
 * Reference records a command has already read (items, warehouses), by id: the answer that
 * follows names them without reading them again.
 */
export class KnownReferences {
  private readonly items = new Map<string, ItemReference>();
  private readonly warehouseCodes = new Map<string, string>();

  rememberItems(items: readonly ItemReference[]): void {
    for (const { id, sku, description, baseUom } of items) {
      this.items.set(id, { id, sku, description, baseUom });
    }
  }

  rememberWarehouses(warehouses: readonly { id: string; code: string }[]): void {
    for (const warehouse of warehouses) this.warehouseCodes.set(warehouse.id, warehouse.code);
  }

  item(id: string): ItemReference | undefined {
    return this.items.get(id);
  }

  warehouseCode(id: string): string | undefined {
    return this.warehouseCodes.get(id);
  }
}
