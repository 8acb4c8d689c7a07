import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AccountScope,
  accountScopeWhere,
  canAccessCustomer,
  restrictToAccountScope,
} from '@o2c/governance';
import { decodeCursor } from '@o2c/http';
import { Customer, Item, PriceAgreement, PriceAgreementBreak } from '@o2c/persistence';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ListPriceAgreementsQuery } from './price-agreement.contract';
import type { ValidPriceBreak } from './price-agreement-terms.mapper';

export interface PriceAgreementRecord {
  agreement: PriceAgreement;
  /** Ascending by minimum quantity. */
  breaks: PriceAgreementBreak[];
}

export interface AgreementPeriod {
  customerId: string;
  itemId: string;
  validFrom: string;
  validTo: string | null;
  /** The agreement being changed, which may overlap its own old period. */
  excludeId?: string;
}

@Injectable()
export class PriceAgreementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Agreements of the principal's accounts only: a customerId filter outside them matches none. */
  async findPage(
    scope: AccountScope,
    query: ListPriceAgreementsQuery & { limit: number },
  ): Promise<PriceAgreementRecord[]> {
    // The page key: the lookup index (customer, item, valid from) plus the id as tie-breaker.
    const after = decodeCursor(query.cursor, ['uuid', 'uuid', 'date', 'uuid']);
    const builder = this.dataSource
      .getRepository(PriceAgreement)
      .createQueryBuilder('agreement')
      .orderBy('agreement.customerId', 'ASC')
      .addOrderBy('agreement.itemId', 'ASC')
      .addOrderBy('agreement.validFrom', 'ASC')
      .addOrderBy('agreement.id', 'ASC')
      .limit(query.limit + 1);
    if (query.customerId) {
      builder.andWhere('agreement.customerId = :customerId', { customerId: query.customerId });
    }
    if (query.itemId) builder.andWhere('agreement.itemId = :itemId', { itemId: query.itemId });
    if (query.activeOn) {
      builder.andWhere(
        'agreement.validFrom <= :on AND (agreement.validTo IS NULL OR agreement.validTo >= :on)',
        { on: query.activeOn },
      );
    }
    restrictToAccountScope(builder, 'agreement.customerId', scope);
    if (after) {
      builder.andWhere(
        '(agreement.customerId, agreement.itemId, agreement.validFrom, agreement.id) > ' +
          '(CAST(:afterCustomer AS uuid), CAST(:afterItem AS uuid), CAST(:afterFrom AS date), CAST(:afterId AS uuid))',
        { afterCustomer: after[0], afterItem: after[1], afterFrom: after[2], afterId: after[3] },
      );
    }
    return this.withBreaks(this.dataSource.manager, await builder.getMany());
  }

  async findById(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PriceAgreementRecord | undefined> {
    const agreement = await manager.findOne(PriceAgreement, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
    if (!agreement) return undefined;
    const [found] = await this.withBreaks(manager, [agreement]);
    return found;
  }

  /** The agreement row alone (without breaks) when it belongs to one of the scope's accounts. */
  findRowInScope(
    manager: EntityManager,
    scope: AccountScope,
    id: string,
  ): Promise<PriceAgreement | null> {
    return manager.findOne(PriceAgreement, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
  }

  lockById(manager: EntityManager, id: string): Promise<PriceAgreement | null> {
    return manager.findOne(PriceAgreement, { where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /**
   * Serializes agreement writes per customer for the rest of the transaction, which covers
   * every customer/item pair of that customer: the overlap rule spans rows the database cannot
   * constrain, so a concurrent writer must wait and then see the committed rows. FOR NO KEY
   * UPDATE does not block inserts that merely reference the customer (orders, invoices).
   */
  lockCustomer(
    manager: EntityManager,
    scope: AccountScope,
    customerId: string,
  ): Promise<Customer | null> {
    // A customer is its own account: one outside the scope is "not found" without a lookup.
    if (!canAccessCustomer(scope, customerId)) return Promise.resolve(null);
    return manager.findOne(Customer, {
      where: { id: customerId },
      lock: { mode: 'for_no_key_update' },
    });
  }

  /** The item may not disappear before the transaction commits. */
  shareItem(manager: EntityManager, itemId: string): Promise<Item | null> {
    return manager.findOne(Item, { where: { id: itemId }, lock: { mode: 'for_key_share' } });
  }

  /** Another agreement of the same customer and item whose period meets this one, if any. */
  findOverlapping(manager: EntityManager, period: AgreementPeriod): Promise<PriceAgreement | null> {
    const builder = manager
      .getRepository(PriceAgreement)
      .createQueryBuilder('agreement')
      .where('agreement.customerId = :customerId', { customerId: period.customerId })
      .andWhere('agreement.itemId = :itemId', { itemId: period.itemId })
      .andWhere(
        "agreement.validFrom <= COALESCE(CAST(:validTo AS date), CAST('infinity' AS date))",
        { validTo: period.validTo },
      )
      .andWhere(
        "COALESCE(agreement.validTo, CAST('infinity' AS date)) >= CAST(:validFrom AS date)",
        { validFrom: period.validFrom },
      )
      .orderBy('agreement.validFrom', 'ASC');
    if (period.excludeId)
      builder.andWhere('agreement.id <> :excludeId', { excludeId: period.excludeId });
    return builder.getOne();
  }

  async replaceBreaks(
    manager: EntityManager,
    agreementId: string,
    breaks: ValidPriceBreak[],
  ): Promise<void> {
    // Removed as entities (not by criteria) so the audit trail records each row it had.
    await manager.remove(await manager.find(PriceAgreementBreak, { where: { agreementId } }));
    if (breaks.length === 0) return;
    await manager.insert(
      PriceAgreementBreak,
      breaks.map((priceBreak) => ({ agreementId, ...priceBreak })),
    );
  }

  private async withBreaks(
    manager: EntityManager,
    agreements: PriceAgreement[],
  ): Promise<PriceAgreementRecord[]> {
    if (agreements.length === 0) return [];
    const breaks = await manager.find(PriceAgreementBreak, {
      where: { agreementId: In(agreements.map((agreement) => agreement.id)) },
      order: { minQuantity: 'ASC' },
    });
    return agreements.map((agreement) => ({
      agreement,
      breaks: breaks.filter((priceBreak) => priceBreak.agreementId === agreement.id),
    }));
  }
}
