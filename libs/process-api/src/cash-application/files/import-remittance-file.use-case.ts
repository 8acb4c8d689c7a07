import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import { accountScopeOf, type AccountScope, type Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import {
  isRemittanceFileError,
  type ParsedRemittanceFile,
  parseRemittanceFile,
  type Remittance,
  toPayerEvidence,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { type CashActor, cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem, remittanceFileProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { ImportFileQuery } from '../cash.contract';
import { type IntakePayment, PaymentIntakeRepository } from '../intake/payment-intake.repository';
import { PayerIdentificationStep } from '../payers/payer-identification.step';
import { FileCashApplication, type RecordedPayment } from './file-cash-application';
import { fileTotals } from './file-totals';
import { RemittanceFileRepository } from './remittance-file.repository';
import { presentRemittanceFile, type RemittanceFileView } from './remittance-file.presenter';

/** Larger files are refused (413) before parsing; the body parser enforces the same limit. */
export const MAX_REMITTANCE_FILE_BYTES = 50 * 1024 * 1024;

/** Trace numbers that say nothing (camt's placeholder for a missing end-to-end id). */
const NO_TRACE = new Set(['NOTPROVIDED', 'NONREF', 'NONE']);

interface AlreadyRecorded {
  sourceLocation: string;
  paymentId: string;
  hasLines: boolean;
  inReview: boolean;
}

/** A recorded payment the advice (or bank credit) may be, by trace number and amount. */
const RECORDED_BY_TRACE = `
  SELECT p.id, p.payment_reference AS reference, p.currency, p.amount::text AS amount,
         EXISTS (SELECT 1 FROM remittance_lines l WHERE l.payment_id = p.id) AS "hasLines",
         p.unapplied > p.on_account AS "inReview"
    FROM payments p
   WHERE p.payment_reference = ANY($1::text[]) AND p.status <> 'reversed'
   ORDER BY p.created_at`;

/**
 * POST /process/v1/remittance-files: parse (a malformed file is refused whole with where it
 * failed), claim the file's keys (a second import is 409 with the first), record each credit
 * as a payment with its payer identified, and apply the cash batch by batch. An advice whose
 * trace number and amount match a payment already recorded adds its lines to that payment
 * instead of posting the money twice.
 */
@Injectable()
export class ImportRemittanceFileUseCase {
  private readonly logger = new Logger('RemittanceFileImport');

  constructor(
    private readonly transactions: CashTransactions,
    private readonly files: RemittanceFileRepository,
    private readonly identification: PayerIdentificationStep,
    private readonly intake: PaymentIntakeRepository,
    private readonly application: FileCashApplication,
  ) {}

  async execute(
    principal: Principal,
    query: ImportFileQuery,
    body: unknown,
  ): Promise<RemittanceFileView> {
    if (!Buffer.isBuffer(body)) {
      throw new ProblemException(
        ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the file itself as the body (application/xml, text/plain, application/edi-x12...)',
      );
    }
    const actor = cashActorOf(principal);
    const fileId = randomUUID();
    const started = Date.now();
    const { payments, reapply } = await this.parseAndRecord(
      body,
      query,
      fileId,
      accountScopeOf(principal),
      actor,
    );
    const recorded = Date.now() - started;
    const summary = await this.application.apply(fileId, payments, reapply, actor);
    this.logger.log(
      { fileId, payments: payments.length, recordedMs: recorded, appliedMs: summary.elapsedMs },
      'remittance file imported',
    );
    const file = await this.transactions.run((manager) => this.files.find(manager, fileId));
    if (!file) throw ProblemException.notFound('remittance file', fileId);
    return presentRemittanceFile(file);
  }

  /**
   * Parsing and the import transaction. Only the payments' ids and customers leave it: the
   * parsed file (tens of megabytes of objects for a large one) is garbage before the cash is
   * applied, and the batches read their payments back (holding every payment of a large file
   * as the cash run reads it cost 40 to 130 MiB more at 100,000 lines for no measurable gain).
   */
  private async parseAndRecord(
    body: Buffer,
    query: ImportFileQuery,
    fileId: string,
    scope: AccountScope,
    actor: CashActor,
  ): Promise<{ payments: RecordedPayment[]; reapply: string[] }> {
    const parsed = this.parse(body, query);
    const today = new Date().toISOString().slice(0, 10);
    const { payments, reapply } = await this.transactions.run((manager) =>
      this.record(manager, fileId, parsed, query, scope, actor, today),
    );
    return { payments, reapply };
  }

  private parse(body: Buffer, query: ImportFileQuery): ParsedRemittanceFile {
    try {
      return parseRemittanceFile(body, {
        format: query.format,
        maxBytes: MAX_REMITTANCE_FILE_BYTES,
      });
    } catch (error) {
      if (isRemittanceFileError(error)) throw remittanceFileProblem(error);
      throw error;
    }
  }

  /** The import transaction: the file, its payments and their `payment.received` events. */
  private async record(
    manager: EntityManager,
    fileId: string,
    parsed: ParsedRemittanceFile,
    query: ImportFileQuery,
    scope: AccountScope,
    actor: CashActor,
    today: string,
  ): Promise<{ payments: RecordedPayment[]; reapply: string[] }> {
    const recorded = await this.alreadyRecorded(manager, parsed.remittances);
    const claimed = await this.files.claim(manager, {
      id: fileId,
      fileName: query.fileName ?? `${parsed.format}-${parsed.contentSha256.slice(0, 12)}`,
      parsed,
      importedBy: actor.principal,
      totals: fileTotals(parsed.remittances),
      importReport: {
        controlTotals: parsed.controlTotals,
        skipped: parsed.skipped,
        matchedExisting: recorded.flatMap((entry) =>
          entry === null
            ? []
            : [{ sourceLocation: entry.sourceLocation, paymentId: entry.paymentId }],
        ),
      },
    });
    if (claimed === undefined) {
      const existing = await this.files.duplicateOf(manager, parsed);
      throw cashProblem(
        CashErrorCode.FILE_DUPLICATE,
        '/body',
        `this file was imported before (${existing?.matchedOn ?? 'content'} matches file ${existing?.id ?? 'unknown'}); nothing was posted again`,
        existing
          ? {
              existingFile: {
                id: existing.id,
                href: `/process/v1/remittance-files/${existing.id}`,
                receivedAt: new Date(existing.receivedAt).toISOString(),
                matchedOn: existing.matchedOn,
              },
            }
          : {},
      );
    }
    const fresh = parsed.remittances.filter((_, index) => recorded[index] === null);
    const identified = await this.identification.identify(
      manager,
      fresh.map((remittance) => ({ evidence: toPayerEvidence(remittance), givenCustomerId: null })),
      scope,
    );
    const payments: IntakePayment[] = fresh.map((remittance, index) => ({
      id: randomUUID(),
      remittance,
      customerId: identified[index]?.customerId ?? null,
      identification: identified[index]?.identification ?? null,
      source: parsed.format,
      sourceFileId: fileId,
    }));
    // The file row (audited above, with its content hash) stands for the payments it carries.
    await this.intake.insert(manager, payments, today, actor, { audited: false });
    const reapply: string[] = [];
    for (const [index, entry] of recorded.entries()) {
      const remittance = parsed.remittances[index];
      if (entry === null || remittance === undefined) continue;
      // The advice explains money already recorded without a remittance: its lines join it.
      if (!entry.hasLines && remittance.lines.length > 0) {
        await this.intake.addLines(
          manager,
          {
            id: entry.paymentId,
            remittance,
            customerId: null,
            identification: null,
            source: parsed.format,
            sourceFileId: fileId,
          },
          today,
        );
        if (entry.inReview) reapply.push(entry.paymentId);
      }
    }
    return {
      payments: payments.map((payment) => ({ id: payment.id, customerId: payment.customerId })),
      reapply,
    };
  }

  /** For each remittance, the payment already recorded for it (same trace, currency, amount). */
  private async alreadyRecorded(
    manager: EntityManager,
    remittances: readonly Remittance[],
  ): Promise<(AlreadyRecorded | null)[]> {
    const traceOf = (remittance: Remittance) => {
      const trace = remittance.paymentReference?.trim() ?? '';
      return trace.length >= 4 && !NO_TRACE.has(trace.toUpperCase()) ? trace : null;
    };
    const traces = [
      ...new Set(remittances.map(traceOf).filter((trace): trace is string => trace !== null)),
    ];
    if (traces.length === 0) return remittances.map(() => null);
    const rows = await manager.query<
      {
        id: string;
        reference: string;
        currency: string;
        amount: string;
        hasLines: boolean;
        inReview: boolean;
      }[]
    >(RECORDED_BY_TRACE, [traces]);
    const taken = new Set<string>();
    return remittances.map((remittance) => {
      const trace = traceOf(remittance);
      const row = rows.find(
        (candidate) =>
          candidate.reference === trace &&
          candidate.currency === remittance.currency &&
          new Decimal(candidate.amount).equals(remittance.amount) &&
          !taken.has(candidate.id),
      );
      if (!row) return null;
      taken.add(row.id);
      return {
        sourceLocation: remittance.sourceLocation,
        paymentId: row.id,
        hasLines: row.hasLines,
        inReview: row.inReview,
      };
    });
  }
}
