import type { ContractOperation } from '@o2c/contracts';
import { ProblemException } from '@o2c/http';
import {
  IDEMPOTENCY_KEY_PATH,
  idempotencyConsumerOf,
  idempotencyKeyOf,
} from './idempotency-key.rule';
import type { Principal } from '../principal/principal';

type Mode = ContractOperation['idempotency'];

function captureProblem(action: () => unknown): ProblemException {
  try {
    action();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a ProblemException');
}

function operation(idempotency: Mode, method: ContractOperation['method'] = 'post') {
  return { operationId: 'createThing', method, idempotency };
}

describe('the Idempotency-Key of a request', () => {
  it('is ignored where the contract says none, however malformed', () => {
    expect(idempotencyKeyOf(operation('none'), 'k-1')).toBeUndefined();
    expect(idempotencyKeyOf(operation('none'), 'x'.repeat(300))).toBeUndefined();
  });

  it('is ignored on safe methods, whatever the contract says', () => {
    expect(idempotencyKeyOf(operation('required', 'get'), undefined)).toBeUndefined();
  });

  it('is optional where the contract says optional', () => {
    expect(idempotencyKeyOf(operation('optional'), undefined)).toBeUndefined();
    expect(idempotencyKeyOf(operation('optional'), 'k-1')).toBe('k-1');
  });

  it('is required where the contract says required: 400 naming the header and rule', () => {
    const problem = captureProblem(() => idempotencyKeyOf(operation('required'), undefined));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      { path: IDEMPOTENCY_KEY_PATH, rule: 'required', message: 'is required by createThing' },
    ]);
  });

  it.each(['required', 'optional'] as const)('applies to %s PUT, PATCH and DELETE too', (mode) => {
    for (const method of ['put', 'patch', 'delete'] as const) {
      expect(idempotencyKeyOf(operation(mode, method), 'k-1')).toBe('k-1');
    }
  });

  it.each([
    ['a UUID', '0b6a4e5c-6d1f-4f4e-9a55-7c1e0f6b2a11'],
    ['one character', 'k'],
    ['255 characters', 'k'.repeat(255)],
    ['printable punctuation and spaces', 'order 42/retry #1 ~!@{}'],
  ])('accepts %s', (_label, key) => {
    expect(idempotencyKeyOf(operation('required'), key)).toBe(key);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'k\t1'],
    ['non-ASCII', 'clé'],
    ['repeated headers', ['a', 'b']],
  ])('refuses a key that is %s: 400 with rule format', (_label, key) => {
    const problem = captureProblem(() => idempotencyKeyOf(operation('optional'), key));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: IDEMPOTENCY_KEY_PATH, rule: 'format' }),
    ]);
  });
});

describe('whose Idempotency-Key it is', () => {
  const principal: Principal = {
    kind: 'partner_client',
    subject: 'client-7',
    scopes: new Set(),
    roles: [],
    customerIds: ['c1'],
  };

  it('is the principal on secured operations', () => {
    expect(idempotencyConsumerOf({ security: [{ bearer: [] }] }, principal, '10.0.0.1')).toBe(
      'partner_client:client-7',
    );
  });

  it('is the client IP on operations without security', () => {
    expect(idempotencyConsumerOf({ security: [] }, undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(idempotencyConsumerOf({ security: [] }, principal, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});
