import { Injectable, type OnModuleInit } from '@nestjs/common';
import { currentAuditContext } from '@o2c/governance';
import { ExceptionReplayRegistry, type ReplayOutcome, ReplayRefusedError } from '@o2c/integration';
import type { IntegrationException } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { CashErrorCode } from '../cash-application.errors';
import { PARKED_FILE_SOURCE_PREFIX } from './remittance-file.parked-exception';
import { RemittanceFileUnparking } from './remittance-file.unparking';

/** Stable refusal codes of a parked file's replay (the 422's `reason`). */
export const PARKED_FILE_REPLAY_REFUSALS = {
  notParked: CashErrorCode.FILE_NOT_PARKED,
  notFound: 'REMITTANCE_FILE.NOT_FOUND',
} as const;

/** Who replays when no request says so (a replay always comes through the API, audited). */
const QUEUE_ACTOR: CashActor = {
  principal: 'system:exception-queue',
  kind: 'system',
  subject: 'exception-queue',
};

/** The replaying caller, as the audit context of the replay request names it. */
function replayingActor(): CashActor {
  const context = currentAuditContext();
  if (context === undefined) return QUEUE_ACTOR;
  const subject = context.principal.slice(context.principal.indexOf(':') + 1);
  return { principal: context.principal, kind: context.principalType, subject };
}

/**
 * Replays the exception-queue entry of a parked remittance file: the file is unparked as
 * POST …/remittance-files/{id}/resume does, in the replay's transaction, and the resumer takes
 * it in its next round (so the entry ends `replayed`, not resolved). A file that is not parked
 * any more, or is gone, is refused and the entry stays open for a person to discard.
 */
@Injectable()
export class ParkedRemittanceFileReplayHandler implements OnModuleInit {
  constructor(
    private readonly registry: ExceptionReplayRegistry,
    private readonly unparking: RemittanceFileUnparking,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: 'inbound_event',
      source: PARKED_FILE_SOURCE_PREFIX,
      replay: (exception, manager) => this.replay(exception, manager),
    });
  }

  async replay(exception: IntegrationException, manager: EntityManager): Promise<ReplayOutcome> {
    const fileId = exception.reference ?? '';
    const result = await this.unparking.unpark(manager, fileId, replayingActor(), {
      reason: `the file was resumed by replaying exception ${exception.id}`,
      replayedException: exception.id,
    });
    if (result.state === 'missing') {
      throw new ReplayRefusedError(
        PARKED_FILE_REPLAY_REFUSALS.notFound,
        `remittance file ${fileId} does not exist; discard the entry`,
      );
    }
    if (result.state === 'not_parked') {
      throw new ReplayRefusedError(
        PARKED_FILE_REPLAY_REFUSALS.notParked,
        `remittance file ${fileId} is not parked any more (status ${result.file.status}); discard the entry`,
      );
    }
    return {
      outcome: 'requeued',
      detail: `remittance file ${fileId} unparked after ${result.unparked.attempts} attempts; the resumer takes it in its next round`,
    };
  }
}
