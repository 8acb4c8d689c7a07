import type { WebhookDeliveryStatus, WebhookSubscriptionStatus } from '@o2c/persistence';

/** Request shapes of openapi/process/integration.v1.yaml (validated by the gateway before use). */
export interface ListSubscriptionsQuery {
  limit: number;
  cursor?: string;
  status?: WebhookSubscriptionStatus;
  customerId?: string;
  eventType?: string;
}

export interface CreateSubscriptionBody {
  name: string;
  description?: string;
  url: string;
  eventTypes: string[];
  customerId?: string;
}

export interface UpdateSubscriptionBody {
  name?: string;
  description?: string | null;
  url?: string;
  eventTypes?: string[];
  status?: WebhookSubscriptionStatus;
  disabledReason?: string | null;
}

export interface SecretRotationBody {
  overlapHours?: number;
}

export interface ListDeliveriesQuery {
  limit: number;
  cursor?: string;
  status?: WebhookDeliveryStatus;
  messageId?: string;
  eventType?: string;
}

export interface ListMessageDeliveriesQuery {
  messageId: string;
  limit: number;
  cursor?: string;
}
