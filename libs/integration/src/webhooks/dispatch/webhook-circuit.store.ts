import { CLOSED_CIRCUIT, type CircuitState } from '@o2c/domain';
import type { WebhookCircuitStatus } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

interface CircuitRow {
  status: WebhookCircuitStatus;
  consecutive_failures: number;
  opened_at: Date | null;
  probe_at: Date | null;
}

const time = (value: Date | null) => (value === null ? null : value.getTime());
const date = (value: number | null) => (value === null ? null : new Date(value));

/**
 * The circuit of a subscription, locked for this transaction: `wait` (recording an outcome)
 * or `skip-locked` (claiming a probe: undefined when another dispatcher holds it). A
 * subscription without a row has a closed circuit.
 */
export async function circuitOf(
  manager: EntityManager,
  subscriptionId: string,
  options: { lock: 'wait' | 'skip-locked' },
): Promise<CircuitState | undefined> {
  const skip = options.lock === 'skip-locked' ? ' SKIP LOCKED' : '';
  const [row] = await manager.query<CircuitRow[]>(
    `SELECT status, consecutive_failures, opened_at, probe_at
       FROM webhook_circuits WHERE subscription_id = $1 FOR UPDATE${skip}`,
    [subscriptionId],
  );
  if (!row) return options.lock === 'wait' ? CLOSED_CIRCUIT : undefined;
  return {
    status: row.status,
    consecutiveFailures: row.consecutive_failures,
    openedAtMs: time(row.opened_at),
    probeAtMs: time(row.probe_at),
  };
}

export async function saveCircuit(
  manager: EntityManager,
  subscriptionId: string,
  circuit: CircuitState,
  outcome?: { succeeded: boolean; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO webhook_circuits
       (subscription_id, status, consecutive_failures, opened_at, probe_at, last_success_at,
        last_failure_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (subscription_id) DO UPDATE
       SET status = EXCLUDED.status, consecutive_failures = EXCLUDED.consecutive_failures,
           opened_at = EXCLUDED.opened_at, probe_at = EXCLUDED.probe_at,
           last_success_at = COALESCE(EXCLUDED.last_success_at, webhook_circuits.last_success_at),
           last_failure_at = COALESCE(EXCLUDED.last_failure_at, webhook_circuits.last_failure_at),
           updated_at = now()`,
    [
      subscriptionId,
      circuit.status,
      circuit.consecutiveFailures,
      date(circuit.openedAtMs),
      date(circuit.probeAtMs),
      outcome?.succeeded ? outcome.at : null,
      outcome && !outcome.succeeded ? outcome.at : null,
    ],
  );
}
