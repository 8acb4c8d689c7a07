import { Injectable } from '@nestjs/common';
import { deductionCategory } from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import { DisputeBulkOpeningService } from './dispute-bulk-opening.service';
import type { OpenDisputeInput } from './dispute-opening.records';
import { DisputeOpeningService, isDisputeCategory } from './dispute-opening.service';

/** A short payment beyond tolerance, as cash application hands it over. */
export interface Deduction {
  customerId: string;
  invoiceId: string;
  paymentId: string;
  /** Decimal string in the invoice's currency, above zero, at most the invoice's open balance. */
  amount: string;
  currency: string;
  /** A dispute category; anything else is derived from the reason code and the payer's text. */
  category: string;
  reasonCode: string | null;
  /** What the engine saw (remittance line, rule, payer text...); kept on the dispute. */
  evidence: Record<string, unknown>;
}

/**
 * Opens the dispute a deduction calls for, with its task in the 'dispute' work queue, inside
 * the caller's transaction (cash application posts the payment and opens its deductions in
 * one commit). Refusals are problem+json errors (DISPUTE.*): the caller's transaction rolls back.
 */
@Injectable()
export class DeductionOpener {
  constructor(
    private readonly opening: DisputeOpeningService,
    private readonly bulk: DisputeBulkOpeningService,
  ) {}

  async open(manager: EntityManager, deduction: Deduction): Promise<{ disputeId: string }> {
    const { dispute } = await this.opening.open(manager, disputeInputOf(deduction));
    return { disputeId: dispute.id };
  }

  /**
   * open() for many deductions in a few statements (same rows, events, outbox messages and
   * refusals; the first refused deduction in order fails them all). Ids in input order.
   */
  async openMany(
    manager: EntityManager,
    deductions: readonly Deduction[],
  ): Promise<{ disputeId: string }[]> {
    const opened = await this.bulk.openMany(manager, deductions.map(disputeInputOf));
    return opened.map(({ dispute }) => ({ disputeId: dispute.id }));
  }
}

function disputeInputOf(deduction: Deduction): OpenDisputeInput {
  const text = typeof deduction.evidence.freeText === 'string' ? deduction.evidence.freeText : null;
  const derived = deductionCategory(deduction.reasonCode, text);
  const category = isDisputeCategory(deduction.category) ? deduction.category : derived.category;
  return {
    customerId: deduction.customerId,
    invoiceId: deduction.invoiceId,
    paymentId: deduction.paymentId,
    amount: deduction.amount,
    currency: deduction.currency,
    category,
    reasonCode: deduction.reasonCode,
    description: derived.description,
    source: 'deduction',
    raisedBy: currentAuditContext()?.principal ?? 'system:cash-application',
    evidence: { ...deduction.evidence, categorySource: derived.source },
    lines: [],
    countOtherDisputes: false,
  };
}
