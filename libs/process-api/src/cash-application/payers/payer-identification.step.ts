import { Injectable } from '@nestjs/common';
import {
  identifyPayer,
  normaliseIdentifier,
  normalisePartyName,
  type PayerEvidence,
  type PayerMatch,
} from '@o2c/domain';
import type { AccountScope } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import { type DirectoryCustomer, PayerDirectoryRepository } from './payer-directory.repository';

/** How a payment's payer was identified, as stored on the payment. */
export interface PayerIdentificationRecord {
  rule: string;
  confidence: number;
  reason: string;
}

export interface PayerToIdentify {
  readonly evidence: PayerEvidence;
  /** The customer the sender named outright (checked to exist beforehand). */
  readonly givenCustomerId: string | null;
}

export interface IdentifiedPayer {
  readonly customerId: string | null;
  readonly identification: PayerIdentificationRecord | null;
  /** Every customer that matched at all, best first (for the work queue). */
  readonly candidates: readonly PayerMatch[];
}

/**
 * Who paid, for a batch of payments at once: customers are looked up by every account and
 * identifier the payments quote (one query for the batch), then by name for those still
 * unknown, and the domain's identifyPayer decides among each payment's candidates. An
 * account-bound sender (a customer's own accounts-payable system) can only pay for its own
 * accounts: candidates outside them are ignored, and with one account the sender is the payer.
 */
@Injectable()
export class PayerIdentificationStep {
  constructor(private readonly directory: PayerDirectoryRepository) {}

  async identify(
    manager: EntityManager,
    payers: readonly PayerToIdentify[],
    scope: AccountScope,
  ): Promise<IdentifiedPayer[]> {
    const keysOf = payers.map((payer) => identifierKeys(payer.evidence));
    const byKeys = await this.directory.byIdentifiers(manager, [
      ...new Set(keysOf.flatMap((keys) => [...keys])),
    ]);
    const byKey = new Map<string, DirectoryCustomer[]>();
    for (const customer of byKeys) {
      for (const key of customer.matchedKeys) {
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [customer]);
        else list.push(customer);
      }
    }
    const results: IdentifiedPayer[] = payers.map((payer, index) => {
      if (payer.givenCustomerId !== null) return given(payer.givenCustomerId);
      const candidates = new Map<string, DirectoryCustomer>();
      for (const key of keysOf[index] ?? []) {
        for (const customer of byKey.get(key) ?? []) candidates.set(customer.customerId, customer);
      }
      return decide(payer.evidence, [...candidates.values()], scope);
    });
    await this.byNames(manager, payers, results, scope);
    return results.map((result) =>
      result.customerId === null ? withFallback(result, scope) : result,
    );
  }

  /** Second round for payers no identifier found: by name and name aliases. */
  private async byNames(
    manager: EntityManager,
    payers: readonly PayerToIdentify[],
    results: IdentifiedPayer[],
    scope: AccountScope,
  ): Promise<void> {
    const unknown = payers.flatMap((payer, index) =>
      results[index]?.customerId === null
        ? [{ payer, index, names: nameKeys(payer.evidence) }]
        : [],
    );
    const names = [...new Set(unknown.flatMap((entry) => entry.names))];
    if (names.length === 0) return;
    const customers = await this.directory.byNames(manager, names);
    for (const { payer, index, names: own } of unknown) {
      const candidates = customers.filter((customer) =>
        [customer.name, ...customer.aliases]
          .map((known) => ` ${normalisePartyName(known)} `)
          .some((known) => own.some((name) => known.includes(` ${name} `))),
      );
      if (candidates.length > 0) results[index] = decide(payer.evidence, candidates, scope);
    }
  }
}

function identifierKeys(evidence: PayerEvidence): Set<string> {
  return new Set(
    [...evidence.accounts, ...evidence.identifiers].map(normaliseIdentifier).filter(Boolean),
  );
}

function nameKeys(evidence: PayerEvidence): string[] {
  return [evidence.name, ...evidence.aliases]
    .filter((name): name is string => name !== null)
    .map(normalisePartyName)
    .filter((name) => name.length >= 3);
}

function decide(
  evidence: PayerEvidence,
  candidates: readonly DirectoryCustomer[],
  scope: AccountScope,
): IdentifiedPayer {
  const allowed =
    scope === 'all'
      ? candidates
      : candidates.filter((candidate) => scope.includes(candidate.customerId));
  const identified = identifyPayer(evidence, allowed);
  return {
    customerId: identified.customerId,
    identification: identified.match
      ? {
          rule: identified.match.rule,
          confidence: identified.match.confidence,
          reason: identified.match.reason,
        }
      : null,
    candidates: identified.candidates,
  };
}

function given(customerId: string): IdentifiedPayer {
  return {
    customerId,
    identification: { rule: 'given', confidence: 1, reason: 'The sender named the customer' },
    candidates: [],
  };
}

/** Nobody identified: an account-bound sender with one account pays for it; else unknown. */
function withFallback(result: IdentifiedPayer, scope: AccountScope): IdentifiedPayer {
  if (scope !== 'all' && scope.length === 1 && scope[0] !== undefined) {
    return {
      customerId: scope[0],
      identification: {
        rule: 'submitter',
        confidence: 1,
        reason: 'Sent by the customer itself (its only account)',
      },
      candidates: result.candidates,
    };
  }
  return result;
}
