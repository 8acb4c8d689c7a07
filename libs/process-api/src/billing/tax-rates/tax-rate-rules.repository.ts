import { Injectable } from '@nestjs/common';
import { ANY_REGION, Decimal, type TaxRateRule } from '@o2c/domain';
import type { EntityManager } from 'typeorm';

interface TaxRateRow {
  id: string;
  region: string;
  ratePercent: string;
  validFrom: string;
  validTo: string | null;
}

/** The stored tax rates one invoice can use: its ship-to region's and the '*' default. */
@Injectable()
export class TaxRateRulesRepository {
  async forRegion(manager: EntityManager, region: string | null): Promise<TaxRateRule[]> {
    const regions = region === null ? [ANY_REGION] : [region, ANY_REGION];
    const rows = await manager.query<TaxRateRow[]>(
      `SELECT id, region, rate_percent::text AS "ratePercent", valid_from::text AS "validFrom",
              valid_to::text AS "validTo"
         FROM tax_rates WHERE region = ANY($1::text[])`,
      [regions],
    );
    return rows.map((row) => ({ ...row, ratePercent: new Decimal(row.ratePercent) }));
  }
}
