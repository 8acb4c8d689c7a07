/** Request shapes of the items part of openapi/system/catalog.v1.yaml (validated by the gateway). */
export interface MoneyBody {
  amount: string;
  currency: string;
}

export interface ConversionBody {
  uom: string;
  toBase: string;
}

export interface ItemFieldsBody {
  description?: string;
  standardCost?: MoneyBody;
  listPrice?: MoneyBody;
  productGroup?: string | null;
  sellable?: boolean;
  conversions?: ConversionBody[];
  substitutes?: string[];
}

export interface CreateItemBody extends ItemFieldsBody {
  sku: string;
  description: string;
  baseUom: string;
  currency: string;
  standardCost: MoneyBody;
  listPrice: MoneyBody;
}

export type UpdateItemBody = ItemFieldsBody;

export interface ListItemsQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
  q?: string;
  productGroup?: string;
  sellable?: boolean;
}
