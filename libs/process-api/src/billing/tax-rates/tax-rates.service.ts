import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  applicableTaxRate,
  Decimal,
  isDomainError,
  validateTaxRate,
  type ValidTaxRate,
} from '@o2c/domain';
import {
  decodeCursor,
  expectedVersion,
  type Page,
  ProblemException,
  staleVersion,
  toPage,
} from '@o2c/http';
import { TaxRate } from '@o2c/persistence';
import type { DataSource } from 'typeorm';
import { billingFieldProblem, BillingErrorCode } from '../billing.errors';
import type {
  ApplicableTaxRateQuery,
  CreateTaxRateBody,
  ListTaxRatesQuery,
  UpdateTaxRateBody,
} from './tax-rate.contract';
import { presentTaxRate, type TaxRateView } from './tax-rate.presenter';

export interface ApplicableTaxRateView {
  region: string | null;
  on: string;
  ratePercent: string;
  rule: TaxRateView | null;
}

/**
 * Tax rates as policy data (the rule: libs/domain/src/invoicing/tax-rate.policy.ts). Each
 * change is one transaction, audited by the ORM subscriber; issued invoices keep their rates.
 */
@Injectable()
export class TaxRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListTaxRatesQuery): Promise<Page<TaxRateView>> {
    const builder = this.dataSource.getRepository(TaxRate).createQueryBuilder('rate');
    if (query.region !== undefined)
      builder.andWhere('rate.region = :region', { region: query.region });
    if (query.validOn !== undefined) {
      builder.andWhere(
        'rate.validFrom <= :validOn AND (rate.validTo IS NULL OR rate.validTo >= :validOn)',
        { validOn: query.validOn },
      );
    }
    // (region, valid from, id) of the last rate.
    const after = decodeCursor(query.cursor, ['text', 'date', 'uuid']);
    if (after) {
      builder.andWhere(
        '(rate.region, rate.validFrom, rate.id) > (:region_, :from_, CAST(:id_ AS uuid))',
        {
          region_: after[0],
          from_: after[1],
          id_: after[2],
        },
      );
    }
    const rows = await builder
      .orderBy('rate.region', 'ASC')
      .addOrderBy('rate.validFrom', 'ASC')
      .addOrderBy('rate.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.region, row.validFrom, row.id], presentTaxRate);
  }

  async get(id: string): Promise<TaxRateView> {
    const rate = await this.dataSource.manager.findOne(TaxRate, { where: { id } });
    if (!rate) throw ProblemException.notFound('tax rate', id);
    return presentTaxRate(rate);
  }

  async applicable(query: ApplicableTaxRateQuery): Promise<ApplicableTaxRateView> {
    const region = query.region ?? null;
    const rows = await this.dataSource.manager.find(TaxRate, {
      where: region === null ? [{ region: '*' }] : [{ region }, { region: '*' }],
    });
    const applied = applicableTaxRate(
      rows.map((row) => ({ ...row, ratePercent: new Decimal(row.ratePercent) })),
      region,
      query.on,
    );
    const rule = rows.find((row) => row.id === applied.ruleId);
    return {
      region,
      on: query.on,
      ratePercent: applied.ratePercent.toString(),
      rule: rule ? presentTaxRate(rule) : null,
    };
  }

  create(body: CreateTaxRateBody): Promise<TaxRateView> {
    const valid = checked(body);
    return this.dataSource.transaction(async (manager) => {
      const record = manager.create(TaxRate, {
        ...stored(valid),
        description: body.description ?? null,
      });
      return presentTaxRate(await manager.save(record));
    });
  }

  update(id: string, ifMatch: string | undefined, body: UpdateTaxRateBody): Promise<TaxRateView> {
    const expected = expectedVersion(ifMatch);
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(TaxRate, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record) throw ProblemException.notFound('tax rate', id);
      if (record.version !== expected) throw staleVersion('tax rate', id, record.version);
      const valid = checked({
        region: record.region,
        ratePercent: body.ratePercent ?? record.ratePercent,
        validFrom: body.validFrom ?? record.validFrom,
        validTo: body.validTo === undefined ? record.validTo : body.validTo,
      });
      Object.assign(record, stored(valid));
      if (body.description !== undefined) record.description = body.description;
      return presentTaxRate(await manager.save(record));
    });
  }
}

function checked(draft: CreateTaxRateBody): ValidTaxRate {
  try {
    return validateTaxRate(draft);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw billingFieldProblem(
      BillingErrorCode.INVALID_TAX_RATE,
      `/body/${error.field ?? ''}`,
      error.message,
    );
  }
}

function stored(rate: ValidTaxRate) {
  return {
    region: rate.region,
    ratePercent: rate.ratePercent.toFixed(),
    validFrom: rate.validFrom,
    validTo: rate.validTo,
  };
}
