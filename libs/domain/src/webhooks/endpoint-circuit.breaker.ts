/**
 * A circuit breaker per webhook endpoint. Closed: deliveries flow. After `failureThreshold`
 * consecutive failures it opens: nothing is sent (queued deliveries wait, their retry window
 * still running) until `cooldownMs` has passed; then it is half-open: one delivery goes as a
 * probe. The probe's success closes it; its failure opens it for another cool-down. A probe
 * whose outcome never arrives (the worker died) is given up after `probeLeaseMs` and another
 * probe may go.
 */
export type CircuitStatus = 'closed' | 'open' | 'half_open';

export interface CircuitState {
  readonly status: CircuitStatus;
  readonly consecutiveFailures: number;
  /** When it last opened (ms); null while closed. */
  readonly openedAtMs: number | null;
  /** Open: when a probe may go. Half-open: until when the probe in flight holds it. */
  readonly probeAtMs: number | null;
}

export interface CircuitPolicy {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly probeLeaseMs: number;
}

export const CLOSED_CIRCUIT: CircuitState = {
  status: 'closed',
  consecutiveFailures: 0,
  openedAtMs: null,
  probeAtMs: null,
};

export type CircuitAdmission =
  | { readonly admitted: true; readonly probe: boolean; readonly next: CircuitState }
  | { readonly admitted: false; readonly retryAtMs: number };

function assertPolicy(policy: CircuitPolicy): void {
  if (!Number.isInteger(policy.failureThreshold) || policy.failureThreshold < 1)
    throw new RangeError('failureThreshold must be a whole number of at least 1');
  if (!(policy.cooldownMs > 0)) throw new RangeError('cooldownMs must be above 0');
  if (!(policy.probeLeaseMs > 0)) throw new RangeError('probeLeaseMs must be above 0');
}

/** May a delivery be sent to the endpoint now? A probe makes the circuit half-open. */
export function admitDelivery(
  circuit: CircuitState,
  nowMs: number,
  policy: CircuitPolicy,
): CircuitAdmission {
  assertPolicy(policy);
  if (circuit.status === 'closed') return { admitted: true, probe: false, next: circuit };
  const probeAt = circuit.probeAtMs ?? nowMs;
  if (probeAt > nowMs) return { admitted: false, retryAtMs: probeAt };
  return {
    admitted: true,
    probe: true,
    next: { ...circuit, status: 'half_open', probeAtMs: nowMs + policy.probeLeaseMs },
  };
}

/** A delivery reached the endpoint: whatever the state, the endpoint is healthy again. */
export function afterDeliverySuccess(): CircuitState {
  return CLOSED_CIRCUIT;
}

/**
 * A delivery failed. Closed: one more consecutive failure, opening at the threshold.
 * Half-open (the probe failed): open again for a full cool-down. Open (a delivery that was
 * in flight when it opened): counted, but the cool-down already running is kept.
 */
export function afterDeliveryFailure(
  circuit: CircuitState,
  nowMs: number,
  policy: CircuitPolicy,
): CircuitState {
  assertPolicy(policy);
  const consecutiveFailures = circuit.consecutiveFailures + 1;
  const open = (): CircuitState => ({
    status: 'open',
    consecutiveFailures,
    openedAtMs: nowMs,
    probeAtMs: nowMs + policy.cooldownMs,
  });
  switch (circuit.status) {
    case 'closed':
      return consecutiveFailures >= policy.failureThreshold
        ? open()
        : { ...circuit, consecutiveFailures };
    case 'half_open':
      return open();
    case 'open':
      return { ...circuit, consecutiveFailures };
  }
}
