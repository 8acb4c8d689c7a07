import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { admitDelivery } from '@o2c/domain';
import type { WebhookSigningSecret } from '@o2c/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { RELAXED_COMMIT } from './relaxed-commit';
import { circuitOf, saveCircuit } from './webhook-circuit.store';

/** A delivery the dispatcher holds until `leaseMs` from now, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly claimToken: string;
  readonly subscriptionId: string;
  readonly messageId: string;
  readonly eventType: string;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly queuedAt: Date;
  readonly url: string;
  readonly signingSecrets: WebhookSigningSecret[];
  readonly partner: string | null;
  /** Sent as the circuit breaker's half-open probe. */
  readonly probe: boolean;
}

/** Leases the chosen deliveries: due again only when the lease ends unrecorded. */
const LEASE_RETURNING = `
  UPDATE webhook_deliveries d
     SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
         claim_token = gen_random_uuid(), updated_at = now()
    FROM chosen, webhook_subscriptions s
   WHERE d.id = chosen.id AND s.id = d.subscription_id
  RETURNING d.id, d.claim_token AS "claimToken", d.subscription_id AS "subscriptionId",
            d.message_id AS "messageId", d.event_type AS "eventType", d.payload,
            d.occurred_at AS "occurredAt", d.attempts, d.queued_at AS "queuedAt", s.url,
            s.signing_secrets AS "signingSecrets", s.customer_id AS partner`;

/**
 * Due deliveries of active subscriptions whose circuit is closed, leased in one statement
 * (SKIP LOCKED: several dispatchers claim disjoint rows).
 */
const CLAIM_DUE = `
  WITH chosen AS (
    SELECT d.id
      FROM webhook_deliveries d
      JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.status = 'active'
      LEFT JOIN webhook_circuits c ON c.subscription_id = d.subscription_id
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND (c.status IS NULL OR c.status = 'closed')
     ORDER BY d.next_attempt_at, d.id
     LIMIT $1
       FOR UPDATE OF d SKIP LOCKED
  )
  ${LEASE_RETURNING}`;

/** Endpoints whose circuit is open (or half-open) that may be probed now, with something due. */
const PROBE_DUE = `
  SELECT c.subscription_id AS "subscriptionId"
    FROM webhook_circuits c
   WHERE c.status <> 'closed' AND (c.probe_at IS NULL OR c.probe_at <= now())
     AND EXISTS (SELECT 1 FROM webhook_deliveries d
                  WHERE d.subscription_id = c.subscription_id AND d.status = 'pending'
                    AND d.next_attempt_at <= now())
   LIMIT $1`;

/** The probe: the endpoint's oldest due delivery. */
const CLAIM_PROBE = `
  WITH chosen AS (
    SELECT d.id
      FROM webhook_deliveries d
      JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.status = 'active'
     WHERE d.subscription_id = $3 AND d.status = 'pending' AND d.next_attempt_at <= now()
     ORDER BY d.next_attempt_at, d.id
     LIMIT $1
       FOR UPDATE OF d SKIP LOCKED
  )
  ${LEASE_RETURNING}`;

const RELEASE = `
  UPDATE webhook_deliveries d
     SET next_attempt_at = now(), claim_token = NULL, updated_at = now()
    FROM unnest($1::uuid[], $2::uuid[]) AS r(id, token)
   WHERE d.id = r.id AND d.claim_token = r.token AND d.status = 'pending'`;

type Leased = Omit<ClaimedDelivery, 'probe'>;

/**
 * Claims due deliveries: the attempt itself runs outside any transaction (an endpoint may take
 * seconds) under a lease, and its outcome is recorded with the claim token. A dispatcher that
 * dies mid-attempt leaves the delivery to be claimed again when the lease ends: at least once,
 * always with the same webhook-id. Endpoints with an open circuit get one probe per cool-down.
 */
@Injectable()
export class WebhookDeliveryClaims {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  /** When open circuits were last looked at: at most once per poll interval, not per claim. */
  private probesCheckedAt = 0;

  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = Date.now();
    const checkProbes = now - this.probesCheckedAt >= this.settings.pollIntervalMs;
    if (checkProbes) this.probesCheckedAt = now;
    const probes = checkProbes ? await this.claimProbes(limit) : [];
    const left = limit - probes.length;
    if (left <= 0) return probes;
    // A lease lost to a crash is claimed again: its commit need not wait for the WAL flush.
    const [leased] = await this.dataSource.transaction(async (manager) => {
      await manager.query(RELAXED_COMMIT);
      // RETURNING on an UPDATE comes back as [rows, count].
      return manager.query<[Leased[], number]>(CLAIM_DUE, [left, this.settings.leaseMs]);
    });
    return [...probes, ...leased.map((delivery) => ({ ...delivery, probe: false }))];
  }

  /** Hands back claimed deliveries that were not attempted (shutdown): due again at once. */
  async release(deliveries: readonly ClaimedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.dataSource.query(RELEASE, [
      deliveries.map((delivery) => delivery.id),
      deliveries.map((delivery) => delivery.claimToken),
    ]);
  }

  /**
   * One probe per endpoint whose cool-down is over: its circuit is locked (SKIP LOCKED: another
   * dispatcher probing it wins), admitted by the domain rule and made half-open in the same
   * transaction as the probe's lease; the endpoint's other deliveries wait for the outcome.
   */
  private async claimProbes(limit: number): Promise<ClaimedDelivery[]> {
    const due = await this.dataSource.query<{ subscriptionId: string }[]>(PROBE_DUE, [limit]);
    const probes: ClaimedDelivery[] = [];
    for (const { subscriptionId } of due) {
      const probe = await this.dataSource.transaction((manager) =>
        this.claimProbe(manager, subscriptionId),
      );
      if (probe) probes.push(probe);
    }
    return probes;
  }

  private async claimProbe(
    manager: EntityManager,
    subscriptionId: string,
  ): Promise<ClaimedDelivery | undefined> {
    const circuit = await circuitOf(manager, subscriptionId, { lock: 'skip-locked' });
    if (!circuit) return undefined;
    const admission = admitDelivery(circuit, Date.now(), this.settings.circuit);
    if (!admission.admitted || !admission.probe) return undefined;
    const [leased] = await manager.query<[Leased[], number]>(CLAIM_PROBE, [
      1,
      this.settings.leaseMs,
      subscriptionId,
    ]);
    const [delivery] = leased;
    // Nothing waits for this endpoint: its circuit stays as it is until something does.
    if (!delivery) return undefined;
    await saveCircuit(manager, subscriptionId, admission.next);
    return { ...delivery, probe: true };
  }
}
