import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { resolveParkedFileExceptions } from './remittance-file.parked-exception';
import { RemittanceFileParking, type UnparkedFile } from './remittance-file.parking';
import { RemittanceFileRepository, type RemittanceFileRow } from './remittance-file.repository';

/** What asking to unpark a file came to. */
export type UnparkResult =
  | {
      readonly state: 'unparked';
      readonly file: RemittanceFileRow;
      readonly unparked: UnparkedFile;
    }
  | { readonly state: 'missing' }
  | { readonly state: 'not_parked'; readonly file: RemittanceFileRow };

/**
 * The one way a parked file gets a new round of attempts, in the caller's transaction: asked for
 * through POST …/remittance-files/{id}/resume or by replaying the file's exception-queue entry.
 * The file is unparked (audited, in the event log) and its open `remittance_file.parked` entries
 * are resolved, but for the entry being replayed, which the replay itself closes.
 */
@Injectable()
export class RemittanceFileUnparking {
  constructor(
    private readonly parking: RemittanceFileParking,
    private readonly files: RemittanceFileRepository,
  ) {}

  async unpark(
    manager: EntityManager,
    fileId: string,
    actor: CashActor,
    how: { reason: string; replayedException?: string },
  ): Promise<UnparkResult> {
    const unparked = await this.parking.unpark(manager, fileId, actor);
    const file = await this.files.find(manager, fileId);
    if (file === undefined) return { state: 'missing' };
    if (unparked === undefined) return { state: 'not_parked', file };
    await resolveParkedFileExceptions(
      manager,
      fileId,
      'open',
      { by: actor.principal, reason: how.reason },
      how.replayedException,
    );
    return { state: 'unparked', file, unparked };
  }
}
