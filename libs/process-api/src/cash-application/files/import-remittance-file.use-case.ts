import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { accountScopeOf, type AccountScope, type Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import {
  controlReport,
  isRemittanceFileError,
  type ParsedRemittanceFile,
  parseRemittanceFile,
} from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { type CashActor, cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem, remittanceFileProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { ImportFileQuery } from '../cash.contract';
import type { IntakePayment } from '../intake/payment-intake.repository';
import { FileCashApplication } from './file-cash-application';
import { fileTotals } from './file-totals';
import { matchedAdvice, RemittanceFileRecorder } from './remittance-file.recorder';
import { RemittanceFileRepository } from './remittance-file.repository';
import { presentRemittanceFile, type RemittanceFileView } from './remittance-file.presenter';

/** Larger files are refused (413) before parsing; the body parser enforces the same limit. */
export const MAX_REMITTANCE_FILE_BYTES = 50 * 1024 * 1024;

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
    const scope = accountScopeOf(principal);
    const fileId = randomUUID();
    const started = Date.now();
    const today = new Date().toISOString().slice(0, 10);
    const { slices, reapply, payments } = await this.open(body, query, fileId, scope, actor, today);
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
    return presentRemittanceFile(file, { internal: scope === 'all' });
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
    const before = await this.recorder.recordedBefore(manager, fileId, parsed.remittances);
    const matched = parsed.remittances.flatMap((remittance, index) => {
      const found = before[index];
      return found ? [{ remittance, position: index + 1, before: found }] : [];
    });
    const claimed = await this.files.claim(manager, {
      id: fileId,
      fileName: query.fileName ?? `${parsed.format}-${parsed.contentSha256.slice(0, 12)}`,
      parsed,
      content,
      accountScope: scope,
      importedBy: actor.principal,
      totals: fileTotals(parsed.remittances),
      importReport: {
        // The file's own figures listed, the payments' counted: a bank file has one per payment.
        ...controlReport(parsed.controlTotals),
        skipped: parsed.skipped,
        matchedExisting: matched.map(matchedAdvice),
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
      (position) => before[position - 1] === null,
    );
    const reapply = await this.recorder.joinRecordedBefore(
      manager,
      fileId,
      parsed.format,
      matched,
      today,
    );
    const payments = slices.reduce((sum, slice) => sum + slice.length, 0);
    return { slices, reapply, payments };
  }
}
