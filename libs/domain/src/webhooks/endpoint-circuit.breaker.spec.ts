import {
  admitDelivery,
  afterDeliveryFailure,
  afterDeliverySuccess,
  CLOSED_CIRCUIT,
  type CircuitPolicy,
  type CircuitState,
} from './endpoint-circuit.breaker';

const POLICY: CircuitPolicy = { failureThreshold: 3, cooldownMs: 60_000, probeLeaseMs: 15_000 };
const T0 = 1_000_000;

function failTimes(times: number, from: CircuitState = CLOSED_CIRCUIT, at = T0): CircuitState {
  let state = from;
  for (let count = 0; count < times; count += 1) state = afterDeliveryFailure(state, at, POLICY);
  return state;
}

describe('endpoint circuit breaker', () => {
  it('lets deliveries through while closed', () => {
    expect(admitDelivery(CLOSED_CIRCUIT, T0, POLICY)).toEqual({
      admitted: true,
      probe: false,
      next: CLOSED_CIRCUIT,
    });
  });

  it('counts consecutive failures and opens at the threshold', () => {
    expect(failTimes(2)).toEqual({
      status: 'closed',
      consecutiveFailures: 2,
      openedAtMs: null,
      probeAtMs: null,
    });
    expect(failTimes(3)).toEqual({
      status: 'open',
      consecutiveFailures: 3,
      openedAtMs: T0,
      probeAtMs: T0 + 60_000,
    });
  });

  it('forgets earlier failures after a success', () => {
    const recovered = afterDeliverySuccess();
    expect(recovered).toEqual(CLOSED_CIRCUIT);
    expect(failTimes(2, recovered).status).toBe('closed');
  });

  it('refuses deliveries while open, saying when a probe may go', () => {
    const open = failTimes(3);
    expect(admitDelivery(open, T0 + 59_999, POLICY)).toEqual({
      admitted: false,
      retryAtMs: T0 + 60_000,
    });
  });

  it('lets exactly one probe through after the cool-down (half-open)', () => {
    const open = failTimes(3);
    const probe = admitDelivery(open, T0 + 60_000, POLICY);
    expect(probe).toEqual({
      admitted: true,
      probe: true,
      next: { status: 'half_open', consecutiveFailures: 3, openedAtMs: T0, probeAtMs: T0 + 75_000 },
    });
    if (!probe.admitted) throw new Error('unreachable');
    expect(admitDelivery(probe.next, T0 + 60_001, POLICY)).toEqual({
      admitted: false,
      retryAtMs: T0 + 75_000,
    });
  });

  it('closes when the probe succeeds', () => {
    expect(afterDeliverySuccess()).toEqual(CLOSED_CIRCUIT);
  });

  it('opens again for a full cool-down when the probe fails', () => {
    const halfOpen: CircuitState = {
      status: 'half_open',
      consecutiveFailures: 3,
      openedAtMs: T0,
      probeAtMs: T0 + 75_000,
    };
    expect(afterDeliveryFailure(halfOpen, T0 + 61_000, POLICY)).toEqual({
      status: 'open',
      consecutiveFailures: 4,
      openedAtMs: T0 + 61_000,
      probeAtMs: T0 + 121_000,
    });
  });

  it('sends another probe when the one in flight never reported (its lease ran out)', () => {
    const halfOpen: CircuitState = {
      status: 'half_open',
      consecutiveFailures: 3,
      openedAtMs: T0,
      probeAtMs: T0 + 75_000,
    };
    const again = admitDelivery(halfOpen, T0 + 75_000, POLICY);
    expect(again).toMatchObject({ admitted: true, probe: true, next: { probeAtMs: T0 + 90_000 } });
  });

  it('keeps the running cool-down when a delivery sent before it opened fails late', () => {
    const open = failTimes(3);
    expect(afterDeliveryFailure(open, T0 + 30_000, POLICY)).toEqual({
      ...open,
      consecutiveFailures: 4,
    });
  });

  it('opens on the first failure with a threshold of 1', () => {
    expect(
      afterDeliveryFailure(CLOSED_CIRCUIT, T0, { ...POLICY, failureThreshold: 1 }).status,
    ).toBe('open');
  });

  it('treats an open circuit without a probe time as ready for a probe', () => {
    const odd: CircuitState = {
      status: 'open',
      consecutiveFailures: 5,
      openedAtMs: T0,
      probeAtMs: null,
    };
    expect(admitDelivery(odd, T0, POLICY)).toMatchObject({ admitted: true, probe: true });
  });

  it.each<[Partial<CircuitPolicy>]>([
    [{ failureThreshold: 0 }],
    [{ failureThreshold: 1.5 }],
    [{ cooldownMs: 0 }],
    [{ probeLeaseMs: -1 }],
  ])('refuses the policy %j', (change) => {
    expect(() => admitDelivery(CLOSED_CIRCUIT, T0, { ...POLICY, ...change })).toThrow(RangeError);
    expect(() => afterDeliveryFailure(CLOSED_CIRCUIT, T0, { ...POLICY, ...change })).toThrow(
      RangeError,
    );
  });
});
