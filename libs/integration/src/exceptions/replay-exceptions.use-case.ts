import { Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { BulkReplayBody } from './exception.contract';
import { ExceptionErrorCode } from './exception.errors';
import { IntegrationExceptionRepository } from './exception.repository';
import { ReplayExceptionUseCase } from './replay-exception.use-case';

export interface BulkReplayItem {
  id: string;
  result: 'requeued' | 'processed' | 'failed' | 'skipped';
  code: string | null;
  detail: string;
}

export interface BulkReplayView {
  requested: number;
  replayed: number;
  failed: number;
  skipped: number;
  results: BulkReplayItem[];
}

/** Entries that are not (or no longer) open are skipped, not failed: a bulk replay repeated
 *  after a partial run replays what is left. */
const SKIPPED: ReadonlySet<string> = new Set([ExceptionErrorCode.NOT_OPEN, ApiErrorCode.NOT_FOUND]);

/**
 * Replays many entries, named or selected by a filter (open ones, oldest first), each in its
 * own transaction so that one refusal does not hold back the others.
 */
@Injectable()
export class ReplayExceptionsUseCase {
  constructor(
    private readonly exceptions: IntegrationExceptionRepository,
    private readonly replayOne: ReplayExceptionUseCase,
  ) {}

  async execute(principal: Principal, body: BulkReplayBody): Promise<BulkReplayView> {
    const ids = 'ids' in body ? body.ids : await this.exceptions.openIds(body.filter, body.limit);
    const results: BulkReplayItem[] = [];
    for (const id of ids) results.push(await this.replay(principal, id));
    const count = (result: BulkReplayItem['result']) =>
      results.filter((item) => item.result === result).length;
    return {
      requested: ids.length,
      replayed: count('requeued') + count('processed'),
      failed: count('failed'),
      skipped: count('skipped'),
      results,
    };
  }

  private async replay(principal: Principal, id: string): Promise<BulkReplayItem> {
    try {
      const replayed = await this.replayOne.execute(principal, id);
      return { id, result: replayed.outcome, code: null, detail: replayed.detail };
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : null;
      return {
        id,
        result: SKIPPED.has(error.code) ? 'skipped' : 'failed',
        code: reason ?? error.code,
        detail: error.message,
      };
    }
  }
}
