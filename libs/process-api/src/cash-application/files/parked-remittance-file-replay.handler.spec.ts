import { type ExceptionReplayRegistry, ReplayRefusedError } from '@o2c/integration';
import type { IntegrationException } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { ParkedRemittanceFileReplayHandler } from './parked-remittance-file-replay.handler';
import type { RemittanceFileRow } from './remittance-file.repository';
import type { RemittanceFileUnparking, UnparkResult } from './remittance-file.unparking';

const manager = {} as EntityManager;
const exception = { id: 'x1', reference: 'f1' } as IntegrationException;
const file = { status: 'processed' } as RemittanceFileRow;

function handlerAnswering(result: UnparkResult) {
  const unpark = jest.fn().mockResolvedValue(result);
  const handler = new ParkedRemittanceFileReplayHandler(
    {} as ExceptionReplayRegistry,
    { unpark } as unknown as RemittanceFileUnparking,
  );
  return { handler, unpark };
}

describe('ParkedRemittanceFileReplayHandler', () => {
  it('unparks the file the entry names, leaving the entry to the replay, and answers requeued', async () => {
    const { handler, unpark } = handlerAnswering({
      state: 'unparked',
      file: { status: 'received' } as RemittanceFileRow,
      unparked: { parkedAt: new Date(), attempts: 5 },
    });
    await expect(handler.replay(exception, manager)).resolves.toEqual({
      outcome: 'requeued',
      detail:
        'remittance file f1 unparked after 5 attempts; the resumer takes it in its next round',
    });
    expect(unpark).toHaveBeenCalledWith(
      manager,
      'f1',
      expect.objectContaining({ principal: 'system:exception-queue' }),
      expect.objectContaining({ replayedException: 'x1' }),
    );
  });

  const refusals: [UnparkResult, string][] = [
    [{ state: 'not_parked', file }, 'REMITTANCE_FILE.NOT_PARKED'],
    [{ state: 'missing' }, 'REMITTANCE_FILE.NOT_FOUND'],
  ];

  it.each(refusals)('refuses when the file is %o', async (result, code) => {
    const { handler } = handlerAnswering(result);
    const replay = handler.replay(exception, manager);
    await expect(replay).rejects.toBeInstanceOf(ReplayRefusedError);
    await expect(replay).rejects.toMatchObject({ code });
  });
});
