import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '@o2c/config';
import type { EntityManager } from 'typeorm';
import type { CashTransactions } from '../cash-transactions';
import type { IntakePayment, PaymentIntakeRepository } from '../intake/payment-intake.repository';
import type { PayerIdentificationStep } from '../payers/payer-identification.step';
import { RemittanceFileRecorder } from './remittance-file.recorder';
import type { FileRecording, RemittanceFileRepository } from './remittance-file.repository';

const X12 = join(__dirname, '../../../../integration/src/remittance-files/fixtures/x12');

/** Two interchanges, each with its transaction set 0001 (ST control numbers restart per group). */
function twoInterchanges(): Buffer {
  const one = readFileSync(join(X12, 'acme-hardware.820.004010.edi'), 'utf8');
  const two = one
    .replace(/000004521/g, '000004522')
    .replace(/\*4521/g, '*4522')
    .replace('0000451234', '0000451235');
  return Buffer.from(`${one}${two}`);
}

function recorderFor(file: FileRecording, recordedPositions: number[]) {
  const inserted: IntakePayment[] = [];
  const transactions = {
    // No payment recorded before answers any trace number.
    run: <T>(work: (manager: EntityManager) => Promise<T>) =>
      work({ query: () => Promise.resolve([]) } as unknown as EntityManager),
  } as unknown as CashTransactions;
  const files = {
    recording: () => Promise.resolve(file),
    recordedPositions: () => Promise.resolve(new Set(recordedPositions)),
    heartbeat: () => Promise.resolve(),
    markRecorded: () => Promise.resolve(),
    addMatchedAdvices: () => Promise.resolve(),
  } as unknown as RemittanceFileRepository;
  const identification = {
    identify: (_m: EntityManager, items: unknown[]) =>
      Promise.resolve(items.map(() => ({ customerId: null, identification: null }))),
  } as unknown as PayerIdentificationStep;
  const intake = {
    insert: (_m: EntityManager, slice: IntakePayment[]) => {
      inserted.push(...slice);
      return Promise.resolve([]);
    },
  } as unknown as PaymentIntakeRepository;
  const environment = { REMITTANCE_RECORDING_SLICE: 10 } as Environment;
  const recorder = new RemittanceFileRecorder(
    environment,
    transactions,
    files,
    identification,
    intake,
  );
  return { recorder, inserted };
}

const ACTOR = { principal: 'system:test', kind: 'system', subject: 'test' } as const;

function stoppedFile(matchedExisting: unknown[]): FileRecording {
  return {
    format: 'x12_820',
    fileName: 'two.edi',
    content: twoInterchanges(),
    accountScope: 'all',
    receivedAt: new Date('2026-03-06T00:00:00Z'),
    importReport: { matchedExisting },
    recordedAt: null,
  };
}

describe('RemittanceFileRecorder.finish', () => {
  it('records a remittance whose source location repeats that of an advice matched at import', async () => {
    // The import matched the first advice (ST 0001 of the first interchange) to a payment
    // recorded before; the second advice (ST 0001 of the second interchange) was never recorded.
    const { recorder, inserted } = recorderFor(
      stoppedFile([{ position: 1, sourceLocation: 'ST 0001', paymentId: 'earlier' }]),
      [],
    );
    await recorder.finish('file', ACTOR);
    expect(inserted.map((payment) => payment.sourcePosition)).toEqual([2]);
  });

  it('leaves out positions already recorded', async () => {
    const { recorder, inserted } = recorderFor(stoppedFile([]), [1]);
    await recorder.finish('file', ACTOR);
    expect(inserted.map((payment) => payment.sourcePosition)).toEqual([2]);
  });

  it('takes an entry kept without its position by its source location only when no other remittance stood there', async () => {
    const { recorder, inserted } = recorderFor(
      stoppedFile([{ sourceLocation: 'ST 0001', paymentId: 'earlier' }]),
      [],
    );
    await recorder.finish('file', ACTOR);
    // Both advices stood at ST 0001: which one was matched cannot be told, neither is left out.
    expect(inserted.map((payment) => payment.sourcePosition)).toEqual([1, 2]);
  });

  it('marks a file kept without its bytes recorded: an earlier release recorded it whole', async () => {
    const { recorder, inserted } = recorderFor({ ...stoppedFile([]), content: null }, []);
    await recorder.finish('file', ACTOR);
    expect(inserted).toEqual([]);
  });
});
