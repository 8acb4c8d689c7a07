import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type IntegrationException, WebhookDelivery, WebhookSubscription } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import {
  type ExceptionReplayHandler,
  ExceptionReplayRegistry,
  type ReplayOutcome,
  ReplayRefusedError,
} from '../exceptions/exception-replay.registry';
import { subscriptionIdOfSource } from './dispatch/webhook-exception.writer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Replays a dead webhook delivery (source 'webhook:<subscription id>'): the delivery is queued
 * again with the same message id, so the receiver sees the same webhook-id, and a fresh retry
 * window. The dispatcher resolves the entry when it gets through, or opens it again when the
 * new window runs out too.
 */
@Injectable()
export class WebhookDeliveryReplayHandler implements ExceptionReplayHandler, OnModuleInit {
  readonly kind = 'outbound_delivery' as const;
  readonly source = 'webhook:';

  constructor(private readonly registry: ExceptionReplayRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async replay(exception: IntegrationException, manager: EntityManager): Promise<ReplayOutcome> {
    const subscriptionId = subscriptionIdOfSource(exception.source);
    const messageId = exception.reference;
    if (!subscriptionId || messageId === null || !UUID.test(messageId)) {
      throw new ReplayRefusedError(
        'DELIVERY_UNKNOWN',
        `${exception.source} / ${String(messageId)} names no webhook delivery`,
      );
    }
    const subscription = await manager.findOne(WebhookSubscription, {
      where: { id: subscriptionId },
    });
    if (!subscription) {
      throw new ReplayRefusedError(
        'SUBSCRIPTION_GONE',
        `webhook subscription ${subscriptionId} was deleted; discard the entry instead`,
      );
    }
    if (subscription.status !== 'active') {
      throw new ReplayRefusedError(
        'SUBSCRIPTION_DISABLED',
        `webhook subscription ${subscriptionId} is disabled; enable it, then replay`,
      );
    }
    const now = new Date();
    const delivery =
      (await manager.findOne(WebhookDelivery, {
        where: { subscriptionId, messageId },
        lock: { mode: 'pessimistic_write' },
      })) ?? this.recreated(manager, exception, subscriptionId, messageId, now);
    if (delivery.status === 'delivered') {
      return { outcome: 'processed', detail: `message ${messageId} was delivered since` };
    }
    delivery.status = 'pending';
    delivery.queuedAt = now;
    delivery.nextAttemptAt = now;
    delivery.claimToken = null;
    await manager.save(delivery);
    return {
      outcome: 'requeued',
      detail: `message ${messageId} is queued again for ${subscription.url} (webhook-id ${messageId})`,
    };
  }

  /** The delivery row went with an earlier clean-up: rebuilt from the entry's payload. */
  private recreated(
    manager: EntityManager,
    exception: IntegrationException,
    subscriptionId: string,
    messageId: string,
    now: Date,
  ): WebhookDelivery {
    return manager.create(WebhookDelivery, {
      subscriptionId,
      messageId,
      eventType: exception.eventType,
      payload: exception.payload,
      occurredAt: exception.createdAt,
      status: 'pending',
      attempts: 0,
      queuedAt: now,
      nextAttemptAt: now,
      claimToken: null,
      lastAttemptAt: null,
      lastStatusCode: null,
      lastErrorCode: null,
      lastError: null,
      deliveredAt: null,
    });
  }
}
