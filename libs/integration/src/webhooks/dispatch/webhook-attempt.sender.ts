import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { secretsInForce } from '@o2c/domain';
import { checkEndpointUrl } from '../endpoint/endpoint-url.parser';
import { guardedLookup } from '../endpoint/guarded-lookup';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import type { AttemptResult } from './webhook-attempt.recorder';
import type { ClaimedDelivery } from './webhook-delivery.claims';
import { WebhookHttpSender } from './webhook-http.sender';
import { webhookBody, webhookHeaders } from './webhook-message.signer';

/**
 * Makes one attempt of a claimed delivery: the URL is checked against the allow-list again
 * (the policy may have changed since it was registered; host names are checked as they
 * resolve), the body signed with every secret in force, and the answer (or its absence)
 * described for the delivery log.
 */
@Injectable()
export class WebhookAttemptSender implements OnApplicationShutdown {
  private readonly http: WebhookHttpSender;

  constructor(@Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {
    this.http = new WebhookHttpSender(guardedLookup(settings.addressPolicy), settings.concurrency);
  }

  async attempt(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const startedAt = new Date();
    const checked = checkEndpointUrl(delivery.url, this.settings.addressPolicy);
    if (!checked.ok) {
      return {
        startedAt,
        durationMs: 0,
        statusCode: null,
        errorCode: 'URL_NOT_ALLOWED',
        error: checked.violations.map((violation) => violation.message).join('; '),
        responseExcerpt: null,
      };
    }
    const message = {
      id: delivery.messageId,
      eventType: delivery.eventType,
      occurredAt: delivery.occurredAt,
      payload: delivery.payload,
    };
    const body = webhookBody(message);
    const secrets = secretsInForce(delivery.signingSecrets, startedAt.getTime()).map(
      (secret) => secret.secret,
    );
    const response = await this.http.send({
      url: checked.url,
      headers: webhookHeaders(message, body, secrets, startedAt.getTime()),
      body,
      timeoutMs: this.settings.timeoutMs,
    });
    if (response.kind === 'failed') {
      return {
        startedAt,
        durationMs: response.durationMs,
        statusCode: null,
        errorCode: response.errorCode,
        error: response.message,
        responseExcerpt: null,
      };
    }
    const success = response.statusCode >= 200 && response.statusCode < 300;
    return {
      startedAt,
      durationMs: response.durationMs,
      statusCode: response.statusCode,
      errorCode: success ? null : `HTTP_${response.statusCode}`,
      error: success ? null : `the endpoint answered ${response.statusCode}`,
      responseExcerpt: response.excerpt === '' ? null : response.excerpt,
      retryAfter: response.retryAfter,
    };
  }

  /** After the dispatcher drained its attempts in flight (beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.http.close();
  }
}
