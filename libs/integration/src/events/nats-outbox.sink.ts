import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, NoRespondersError, TimeoutError } from '@nats-io/transport-node';
import {
  OutboxDeliveryError,
  type OutboxSink,
  OutboxSinkUnavailableError,
  type RelayedMessage,
} from '../outbox/outbox-sink';
import { NatsEventBus } from './nats-event-bus';

/** NATS subject tokens: no wildcards, whitespace or empty tokens. */
const SUBJECT_TOKENS = /^[^\s.*>]+(?:\.[^\s.*>]+)*$/;

/**
 * Publishes each outbox message to JetStream on `<prefix>.<eventType>` (o2c.order.released),
 * with the message id as Nats-Msg-Id: a redelivery after a crash inside the stream's duplicate
 * window is acknowledged as a duplicate and stored once. The body is a CloudEvents 1.0 JSON
 * envelope; headers repeat what consumers filter on without parsing it.
 */
@Injectable()
export class NatsOutboxSink implements OutboxSink {
  readonly name = 'nats';

  constructor(private readonly bus: NatsEventBus) {}

  async deliver(message: RelayedMessage): Promise<void> {
    if (!SUBJECT_TOKENS.test(message.eventType)) {
      throw new OutboxDeliveryError(
        'NATS_INVALID_SUBJECT',
        `event type ${JSON.stringify(message.eventType)} is not a NATS subject`,
        { permanent: true },
      );
    }
    const client = this.bus.client();
    if (!client) {
      throw new OutboxSinkUnavailableError(this.name, `NATS is ${this.bus.status}`);
    }
    const { settings } = this.bus;
    try {
      await client.publish(
        `${settings.subjectPrefix}.${message.eventType}`,
        JSON.stringify(cloudEvent(message)),
        {
          msgID: message.id,
          headers: headersOf(message),
          timeout: settings.publishTimeoutMs,
        },
      );
    } catch (error) {
      throw this.failure(error);
    }
  }

  private failure(error: unknown): Error {
    // The connection dropped while waiting: an outage, not this message's fault.
    if (!this.bus.client()) {
      return new OutboxSinkUnavailableError(this.name, `NATS is ${this.bus.status}`, {
        cause: error,
      });
    }
    if (error instanceof TimeoutError) {
      return new OutboxDeliveryError('NATS_TIMEOUT', 'no acknowledgement from JetStream', {
        cause: error,
      });
    }
    if (error instanceof NoRespondersError) {
      return new OutboxDeliveryError('NATS_NO_STREAM', 'no stream captures the subject', {
        cause: error,
      });
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new OutboxDeliveryError('NATS_PUBLISH_FAILED', detail, { cause: error });
  }
}

/** CloudEvents 1.0, structured JSON mode. */
function cloudEvent(message: RelayedMessage): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: message.id,
    source: 'o2c-gateway',
    type: message.eventType,
    subject: `${message.aggregateType}/${message.aggregateId}`,
    time: message.createdAt.toISOString(),
    datacontenttype: 'application/json',
    sequence: message.sequence,
    ...(message.headers.correlationId ? { correlationid: message.headers.correlationId } : {}),
    data: message.payload,
  };
}

function headersOf(message: RelayedMessage) {
  const result = natsHeaders();
  result.set('Content-Type', 'application/cloudevents+json');
  result.set('O2c-Event-Type', message.eventType);
  result.set('O2c-Aggregate-Type', message.aggregateType);
  result.set('O2c-Aggregate-Id', message.aggregateId);
  result.set('O2c-Sequence', message.sequence);
  if (message.headers.correlationId)
    result.set('O2c-Correlation-Id', message.headers.correlationId);
  return result;
}
