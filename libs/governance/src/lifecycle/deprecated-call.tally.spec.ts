import { DeprecatedCallTally } from './deprecated-call.tally';

const call = (consumer: string, at: string, operationId = 'listCustomers') => ({
  apiId: 'system-customers',
  apiMajor: 1,
  operationId,
  consumer,
  at: new Date(at),
});

describe('DeprecatedCallTally', () => {
  it('counts per consumer, operation and UTC day, keeping the first and last call', () => {
    const tally = new DeprecatedCallTally();
    tally.record(call('partner_client:acme', '2026-03-01T10:00:00Z'));
    tally.record(call('partner_client:acme', '2026-03-01T23:59:59Z'));
    tally.record(call('partner_client:acme', '2026-03-01T08:00:00Z'));
    tally.record(call('partner_client:acme', '2026-03-02T00:00:00Z'));
    tally.record(call('anonymous', '2026-03-01T12:00:00Z'));
    tally.record(call('anonymous', '2026-03-01T12:00:00Z', 'getCustomer'));
    const counts = tally.drain();
    expect(counts).toHaveLength(4);
    expect(counts[0]).toEqual({
      day: '2026-03-01',
      apiId: 'system-customers',
      apiMajor: 1,
      operationId: 'listCustomers',
      consumer: 'partner_client:acme',
      calls: 3,
      firstCallAt: new Date('2026-03-01T08:00:00Z'),
      lastCallAt: new Date('2026-03-01T23:59:59Z'),
    });
    expect(counts.map((count) => [count.day, count.consumer, count.calls])).toEqual([
      ['2026-03-01', 'partner_client:acme', 3],
      ['2026-03-02', 'partner_client:acme', 1],
      ['2026-03-01', 'anonymous', 1],
      ['2026-03-01', 'anonymous', 1],
    ]);
  });

  it('starts afresh after a drain and takes counts back after a failed write', () => {
    const tally = new DeprecatedCallTally();
    tally.record(call('anonymous', '2026-03-01T10:00:00Z'));
    tally.record(call('anonymous', '2026-03-01T11:00:00Z'));
    const drained = tally.drain();
    expect(tally.size).toBe(0);
    tally.record(call('anonymous', '2026-03-01T12:00:00Z'));
    tally.restore(drained);
    expect(tally.drain()).toEqual([
      expect.objectContaining({
        calls: 3,
        firstCallAt: new Date('2026-03-01T10:00:00Z'),
        lastCallAt: new Date('2026-03-01T12:00:00Z'),
      }),
    ]);
  });
});
