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
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { type CashActor, cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem, remittanceFileProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { ImportFileQuery } from '../cash.contract';
import { type IntakePayment, PaymentIntakeRepository } from '../intake/payment-intake.repository';
import { FileCashApplication } from './file-cash-application';
import { fileTotals } from './file-totals';
import { RemittanceFileRecorder } from './remittance-file.recorder';
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
 * failed), claim the file's keys with its bytes (a second import is 409 with the first),
 * identify each credit's payer, then record the credits as payments a slice at a time while
 * the cash of the slices recorded is applied batch by batch. An advice whose trace number and
 * amount match a payment already recorded adds its lines to that payment instead of posting
 * the money twice. A recording or application that stops part-way is finished by the resumer.
 */
@Injectable()
export class ImportRemittanceFileUseCase {
  private readonly logger = new Logger('RemittanceFileImport');

  constructor(
    private readonly transactions: CashTransactions,
    private readonly files: RemittanceFileRepository,
    private readonly recorder: RemittanceFileRecorder,
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
    const today = new Date().toISOString().slice(0, 10);
    const { slices, reapply, payments } = await this.open(
      body,
      query,
      fileId,
      accountScopeOf(principal),
      actor,
      today,
    );
    const opened = Date.now() - started;
    const summary = await this.application.apply(
      fileId,
      this.recorder.record(fileId, slices, actor, today),
      reapply,
      actor,
    );
    this.logger.log(
      { fileId, payments, openedMs: opened, appliedMs: summary.elapsedMs },
      'remittance file imported',
    );
    const file = await this.transactions.run((manager) => this.files.find(manager, fileId));
    if (!file) throw ProblemException.notFound('remittance file', fileId);
    return presentRemittanceFile(file);
  }

  /**
   * Parsing and the import's first transaction: the file claimed with its bytes, advices for
   * payments recorded before joined to them, and the other payments identified and planned in
   * slices, recorded afterwards one transaction each while their cash is applied. Only the
   * slices keep parts of the parsed file, and each is let go once recorded.
   */
  private async open(
    body: Buffer,
    query: ImportFileQuery,
    fileId: string,
    scope: AccountScope,
    actor: CashActor,
    today: string,
  ): Promise<{ slices: IntakePayment[][]; reapply: string[]; payments: number }> {
    const parsed = this.parse(body, query);
    return this.transactions.run((manager) =>
      this.claim(manager, fileId, body, parsed, query, scope, actor, today),
    );
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

  /** The import's first transaction: the file, advices joined to earlier payments, the plan. */
  private async claim(
    manager: EntityManager,
    fileId: string,
    content: Buffer,
    parsed: ParsedRemittanceFile,
    query: ImportFileQuery,
    scope: AccountScope,
    actor: CashActor,
    today: string,
  ): Promise<{ slices: IntakePayment[][]; reapply: string[]; payments: number }> {
    const recorded = await this.alreadyRecorded(manager, parsed.remittances);
    const claimed = await this.files.claim(manager, {
      id: fileId,
      fileName: query.fileName ?? `${parsed.format}-${parsed.contentSha256.slice(0, 12)}`,
      parsed,
      content,
      accountScope: scope,
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
    const slices = await this.recorder.plan(
      manager,
      fileId,
      parsed,
      scope,
      (position) => recorded[position - 1] === null,
    );
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
    const payments = slices.reduce((sum, slice) => sum + slice.length, 0);
    return { slices, reapply, payments };
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
