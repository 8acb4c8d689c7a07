import { Injectable } from '@nestjs/common';
import { parseCurrency } from '@o2c/domain';
import type { AccountScope } from '@o2c/governance';
import { expectedVersion, type Page, ProblemException, staleVersion, toPage } from '@o2c/http';
import { PriceAgreement } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { parsePriceAmount } from './money-input.parser';
import type {
  CreatePriceAgreementBody,
  ListPriceAgreementsQuery,
  UpdatePriceAgreementBody,
} from './price-agreement.contract';
import { type PriceAgreementView, presentPriceAgreement } from './price-agreement.presenter';
import { PriceAgreementRepository } from './price-agreement.repository';
import {
  assertValidPeriod,
  overlappingAgreement,
  unknownReference,
  validPriceBreaks,
} from './price-agreement-terms.mapper';

/**
 * Customer contract prices: reads, creation and conditional updates, one transaction each.
 * Everything stays inside the caller's accounts; another account's customer reads as unknown.
 */
@Injectable()
export class PriceAgreementsService {
  constructor(private readonly agreements: PriceAgreementRepository) {}

  async list(
    scope: AccountScope,
    query: ListPriceAgreementsQuery,
  ): Promise<Page<PriceAgreementView>> {
    const limit = query.limit;
    const rows = await this.agreements.findPage(scope, { ...query, limit });
    return toPage(
      rows,
      limit,
      ({ agreement }) => [
        agreement.customerId,
        agreement.itemId,
        agreement.validFrom,
        agreement.id,
      ],
      presentPriceAgreement,
    );
  }

  async get(scope: AccountScope, id: string): Promise<PriceAgreementView> {
    const found = await this.agreements.findById(scope, id);
    if (!found) throw ProblemException.notFound('price agreement', id);
    return presentPriceAgreement(found);
  }

  create(scope: AccountScope, body: CreatePriceAgreementBody): Promise<PriceAgreementView> {
    const currency = parseCurrency(body.currency, '/body/currency');
    const contractPrice = parsePriceAmount(
      body.unitPrice,
      currency,
      '/body/unitPrice',
      'agreement',
    );
    const validTo = body.validTo ?? null;
    assertValidPeriod(body.validFrom, validTo, 'validTo');
    return this.agreements.transaction(async (manager) => {
      // Another account's customer answers exactly as an unknown one: existence is not revealed.
      const customer = await this.agreements.lockCustomer(manager, scope, body.customerId);
      if (!customer) throw unknownReference('customerId', body.customerId);
      const item = await this.agreements.shareItem(manager, body.itemId);
      if (!item) throw unknownReference('itemId', body.itemId);
      if (customer.currency !== currency) {
        throw ProblemException.invalid(
          '/body/currency',
          'same-as-customer-currency',
          `the agreement must be in the customer's currency ${customer.currency}`,
        );
      }
      const breaks = validPriceBreaks(body.breaks ?? [], currency, item.baseUom);
      const period = {
        customerId: customer.id,
        itemId: item.id,
        validFrom: body.validFrom,
        validTo,
      };
      const overlapping = await this.agreements.findOverlapping(manager, period);
      if (overlapping) throw overlappingAgreement(overlapping);
      const saved = await manager.save(
        manager.create(PriceAgreement, { ...period, currency, contractPrice }),
      );
      await this.agreements.replaceBreaks(manager, saved.id, breaks);
      return this.present(manager, saved.id);
    });
  }

  /** Customer, item and currency are fixed; breaks, when sent, replace the stored ones. */
  update(
    scope: AccountScope,
    id: string,
    ifMatch: string | undefined,
    body: UpdatePriceAgreementBody,
  ): Promise<PriceAgreementView> {
    const expected = expectedVersion(ifMatch);
    return this.agreements.transaction(async (manager) => {
      // The customer never changes, so it can be read before its lock is taken (lock order:
      // customer, then agreement, as in create).
      const current = await this.agreements.findRowInScope(manager, scope, id);
      if (current) await this.agreements.lockCustomer(manager, scope, current.customerId);
      const agreement = current && (await this.agreements.lockById(manager, id));
      if (!agreement) throw ProblemException.notFound('price agreement', id);
      if (agreement.version !== expected) {
        throw staleVersion('price agreement', id, agreement.version);
      }
      const { currency } = agreement;
      if (body.unitPrice !== undefined) {
        agreement.contractPrice = parsePriceAmount(
          body.unitPrice,
          currency,
          '/body/unitPrice',
          'agreement',
        );
      }
      if (body.validFrom !== undefined) agreement.validFrom = body.validFrom;
      if (body.validTo !== undefined) agreement.validTo = body.validTo;
      const blame = body.validTo !== undefined ? 'validTo' : 'validFrom';
      assertValidPeriod(agreement.validFrom, agreement.validTo, blame);
      if (body.breaks !== undefined) {
        // The foreign key (ON DELETE RESTRICT) keeps the item while an agreement names it.
        const item = await this.agreements.shareItem(manager, agreement.itemId);
        if (!item) throw unknownReference('itemId', agreement.itemId);
        const breaks = validPriceBreaks(body.breaks, currency, item.baseUom);
        await this.agreements.replaceBreaks(manager, id, breaks);
      }
      const { customerId, itemId, validFrom, validTo } = agreement;
      const period = { customerId, itemId, validFrom, validTo, excludeId: id };
      const overlapping = await this.agreements.findOverlapping(manager, period);
      if (overlapping) throw overlappingAgreement(overlapping);
      agreement.updatedAt = new Date();
      await manager.save(agreement);
      return this.present(manager, id);
    });
  }

  /** Inside a transaction that has already checked the scope. */
  private async present(manager: EntityManager, id: string): Promise<PriceAgreementView> {
    const found = await this.agreements.findById('all', id, manager);
    if (!found) throw ProblemException.notFound('price agreement', id);
    return presentPriceAgreement(found);
  }
}
