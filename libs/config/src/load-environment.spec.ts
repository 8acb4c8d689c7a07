import { EnvironmentError, loadEnvironment } from './load-environment';

describe('loadEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const environment = loadEnvironment({});
    expect(environment.PORT).toBe(3000);
    expect(environment.DATABASE_URL).toBeUndefined();
    expect(environment.DATABASE_POOL_SIZE).toBe(8);
    expect(environment.LOG_LEVEL).toBe('info');
    expect(environment.SEED_DEMO_DATA).toBe(true);
  });

  it('keeps idempotency keys for at least the 24 hours the contracts promise', () => {
    expect(loadEnvironment({}).IDEMPOTENCY_TTL_HOURS).toBe(24);
    expect(loadEnvironment({}).IDEMPOTENCY_LOCK_SECONDS).toBe(60);
    expect(() => loadEnvironment({ IDEMPOTENCY_TTL_HOURS: '12' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS: /,
    );
  });

  it('reads TRUST_PROXY as a flag or a list of proxy addresses', () => {
    expect(loadEnvironment({}).TRUST_PROXY).toBe(false);
    expect(loadEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadEnvironment({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).TRUST_PROXY).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
  });

  it('reads the worker settings: relay, NATS stream and hold-reminder ages', () => {
    const environment = loadEnvironment({});
    expect(environment.OUTBOX_BATCH_SIZE).toBe(100);
    expect(environment.OUTBOX_MAX_ATTEMPTS).toBe(15);
    expect(environment.NATS_STREAM).toBe('O2C_EVENTS');
    expect(environment.NATS_SUBJECT_PREFIX).toBe('o2c');
    expect(environment.HOLD_REMINDER_HOURS).toEqual([24, 72, 168]);
    expect(loadEnvironment({ HOLD_REMINDER_HOURS: '0.5,4' }).HOLD_REMINDER_HOURS).toEqual([0.5, 4]);
  });

  it('resumes stranded remittance files every minute unless set otherwise; 0 turns it off', () => {
    expect(loadEnvironment({}).REMITTANCE_RESUME_INTERVAL_MS).toBe(60_000);
    expect(
      loadEnvironment({ REMITTANCE_RESUME_INTERVAL_MS: '0' }).REMITTANCE_RESUME_INTERVAL_MS,
    ).toBe(0);
    expect(
      loadEnvironment({ REMITTANCE_RESUME_INTERVAL_MS: '5000' }).REMITTANCE_RESUME_INTERVAL_MS,
    ).toBe(5_000);
  });

  it('parks a remittance file after 5 failed resumption attempts unless set otherwise', () => {
    expect(loadEnvironment({}).REMITTANCE_RESUME_MAX_ATTEMPTS).toBe(5);
    expect(
      loadEnvironment({ REMITTANCE_RESUME_MAX_ATTEMPTS: '1' }).REMITTANCE_RESUME_MAX_ATTEMPTS,
    ).toBe(1);
  });

  it('records remittance files 3,000 payments a transaction unless set otherwise', () => {
    expect(loadEnvironment({}).REMITTANCE_RECORDING_SLICE).toBe(3_000);
    expect(loadEnvironment({ REMITTANCE_RECORDING_SLICE: '1' }).REMITTANCE_RECORDING_SLICE).toBe(1);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnvironment({ REDIS_URL: '  ', PORT: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT: .*number/i],
    ['PORT', '70000', /PORT: .*(<=|less|65535)/i],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL: must be a postgres/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: /],
    ['REDIS_URL', 'http://localhost', /REDIS_URL: must be a redis/],
    ['NATS_URL', 'localhost:4222', /NATS_URL: must be a nats/],
    ['JWT_ALGORITHMS', 'RS256,none', /JWT_ALGORITHMS: must be a comma list/],
    ['JWT_HS256_SECRET', 'short', /JWT_HS256_SECRET: must be at least 32/],
    ['SEED_DEMO_DATA', 'yes', /SEED_DEMO_DATA: /],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY: must be true, false or comma-separated proxy/],
    ['HOLD_REMINDER_HOURS', '72,24', /HOLD_REMINDER_HOURS: must be increasing hours/],
    ['HOLD_REMINDER_HOURS', '24h', /HOLD_REMINDER_HOURS: must be comma-separated hours/],
    ['NATS_SUBJECT_PREFIX', 'o2c.>', /NATS_SUBJECT_PREFIX: must be dot-separated NATS subject/],
    ['NATS_STREAM', 'o2c events', /NATS_STREAM: must be 1-64 of letters/],
    ['OUTBOX_BATCH_SIZE', '0', /OUTBOX_BATCH_SIZE: /],
    ['REMITTANCE_RESUME_INTERVAL_MS', '50', /REMITTANCE_RESUME_INTERVAL_MS: must be 0 \(off\)/],
    ['REMITTANCE_RESUME_INTERVAL_MS', '-1', /REMITTANCE_RESUME_INTERVAL_MS: /],
    ['REMITTANCE_RESUME_MAX_ATTEMPTS', '0', /REMITTANCE_RESUME_MAX_ATTEMPTS: /],
    ['REMITTANCE_RESUME_MAX_ATTEMPTS', '1.5', /REMITTANCE_RESUME_MAX_ATTEMPTS: /],
    ['REMITTANCE_RESUME_MAX_ATTEMPTS', 'never', /REMITTANCE_RESUME_MAX_ATTEMPTS: /],
    ['REMITTANCE_RECORDING_SLICE', '0', /REMITTANCE_RECORDING_SLICE: /],
    ['REMITTANCE_RECORDING_SLICE', '2.5', /REMITTANCE_RECORDING_SLICE: /],
  ])('rejects %s=%s naming the variable and the rule', (name, value, expected) => {
    expect(() => loadEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => loadEnvironment({ [name]: value })).toThrow(expected);
  });

  it('reports every bad variable at once with the value it got', () => {
    try {
      loadEnvironment({ PORT: '-1', LOG_LEVEL: 'x' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      const problems = (error as EnvironmentError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain('got "-1"');
    }
  });
});
