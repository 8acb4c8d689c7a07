/** Bodies and queries of the tax-rate operations in openapi/process/billing.v1.yaml. */
export interface CreateTaxRateBody {
  region: string;
  ratePercent: string;
  validFrom: string;
  validTo?: string | null;
  description?: string | null;
}

export type UpdateTaxRateBody = Partial<Omit<CreateTaxRateBody, 'region'>>;

export interface ListTaxRatesQuery {
  limit: number;
  cursor?: string;
  region?: string;
  validOn?: string;
}

export interface ApplicableTaxRateQuery {
  region?: string;
  on: string;
}
