import { presentDecimal } from '@o2c/http';
import type { TaxRate } from '@o2c/persistence';

export interface TaxRateView {
  id: string;
  region: string;
  ratePercent: string;
  validFrom: string;
  validTo: string | null;
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentTaxRate(rate: TaxRate): TaxRateView {
  return {
    id: rate.id,
    region: rate.region,
    ratePercent: presentDecimal(rate.ratePercent),
    validFrom: rate.validFrom,
    validTo: rate.validTo,
    description: rate.description,
    version: rate.version,
    createdAt: rate.createdAt.toISOString(),
    updatedAt: rate.updatedAt.toISOString(),
  };
}
