import type { MoneyBody } from './item.contract';

/** Request shapes of the price-agreement part of openapi/system/catalog.v1.yaml. */
export interface PriceBreakBody {
  minQuantity: string;
  unitPrice: MoneyBody;
}

export interface PriceAgreementFieldsBody {
  unitPrice?: MoneyBody;
  validFrom?: string;
  validTo?: string | null;
  breaks?: PriceBreakBody[];
}

export interface CreatePriceAgreementBody extends PriceAgreementFieldsBody {
  customerId: string;
  itemId: string;
  currency: string;
  unitPrice: MoneyBody;
  validFrom: string;
}

export type UpdatePriceAgreementBody = PriceAgreementFieldsBody;

export interface ListPriceAgreementsQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
  customerId?: string;
  itemId?: string;
  activeOn?: string;
}
