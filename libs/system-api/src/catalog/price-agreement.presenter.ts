import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';
import type { PriceAgreementRecord } from './price-agreement.repository';

export interface PriceAgreementView {
  id: string;
  customerId: string;
  itemId: string;
  currency: string;
  unitPrice: MoneyView;
  validFrom: string;
  validTo: string | null;
  breaks: { minQuantity: string; unitPrice: MoneyView }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentPriceAgreement({
  agreement,
  breaks,
}: PriceAgreementRecord): PriceAgreementView {
  return {
    id: agreement.id,
    customerId: agreement.customerId,
    itemId: agreement.itemId,
    currency: agreement.currency,
    unitPrice: presentMoney(agreement.contractPrice, agreement.currency),
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    breaks: breaks.map((priceBreak) => ({
      minQuantity: presentDecimal(priceBreak.minQuantity),
      unitPrice: presentMoney(priceBreak.unitPrice, agreement.currency),
    })),
    version: agreement.version,
    createdAt: agreement.createdAt.toISOString(),
    updatedAt: agreement.updatedAt.toISOString(),
  };
}
