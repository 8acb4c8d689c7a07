import { previousSecretExpiresAt, secretsInForce, webhookSecretHint } from '@o2c/domain';
import type { WebhookCircuit } from '@o2c/persistence';
import type { SubscriptionRecord } from './webhook-subscription.repository';

export interface EndpointHealthView {
  circuit: string;
  consecutiveFailures: number;
  openedAt: string | null;
  nextProbeAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
}

export interface SubscriptionView {
  id: string;
  name: string;
  description: string | null;
  url: string;
  eventTypes: string[];
  subscriberKind: string;
  customerId: string | null;
  status: string;
  disabledReason: string | null;
  secretHint: string;
  secretCreatedAt: string;
  previousSecretExpiresAt: string | null;
  health: EndpointHealthView;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionWithSecretView extends SubscriptionView {
  /** Shown once, at registration. */
  secret: string;
}

const instant = (value: Date | null) => (value === null ? null : value.toISOString());

function presentHealth(circuit: WebhookCircuit | null): EndpointHealthView {
  return {
    circuit: circuit?.status ?? 'closed',
    consecutiveFailures: circuit?.consecutiveFailures ?? 0,
    openedAt: instant(circuit?.openedAt ?? null),
    nextProbeAt: circuit?.status === 'closed' ? null : instant(circuit?.probeAt ?? null),
    lastSuccessAt: instant(circuit?.lastSuccessAt ?? null),
    lastFailureAt: instant(circuit?.lastFailureAt ?? null),
  };
}

/** Never the secrets themselves: a hint of the current one and when the previous one stops. */
export function presentSubscription(
  { subscription, circuit }: SubscriptionRecord,
  now: Date,
): SubscriptionView {
  const [current] = secretsInForce(subscription.signingSecrets, now.getTime());
  return {
    id: subscription.id,
    name: subscription.name,
    description: subscription.description,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    subscriberKind: subscription.subscriberKind,
    customerId: subscription.customerId,
    status: subscription.status,
    disabledReason: subscription.disabledReason,
    secretHint: current ? webhookSecretHint(current.secret) : '',
    secretCreatedAt: current?.createdAt ?? subscription.createdAt.toISOString(),
    previousSecretExpiresAt: previousSecretExpiresAt(subscription.signingSecrets, now.getTime()),
    health: presentHealth(circuit),
    createdBy: subscription.createdBy,
    version: subscription.version,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
