import { Inject, Injectable } from '@nestjs/common';
import { previousSecretExpiresAt, rotateSigningSecrets } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhook.settings';
import { generateSigningSecret } from './signing-secret.generator';
import type { SecretRotationBody } from './webhook-subscription.contract';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

export interface SecretRotationView {
  subscriptionId: string;
  secret: string;
  createdAt: string;
  previousSecretExpiresAt: string | null;
  version: number;
}

const HOUR_MS = 3_600_000;

/** A new signing secret, shown once; the previous one keeps signing for the overlap (domain
 *  rule: never more than two in force). */
@Injectable()
export class RotateSigningSecretUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  execute(
    principal: Principal,
    id: string,
    body: SecretRotationBody | undefined,
  ): Promise<SecretRotationView> {
    const overlapHours = body?.overlapHours ?? this.settings.secretOverlapHours;
    const secret = generateSigningSecret();
    return this.subscriptions.transaction(async (manager) => {
      const subscription = await this.subscriptions.lockVisible(manager, principal, id);
      if (!subscription) throw ProblemException.notFound('webhook subscription', id);
      const now = Date.now();
      subscription.signingSecrets = rotateSigningSecrets(
        subscription.signingSecrets,
        secret,
        now,
        overlapHours * HOUR_MS,
      );
      const saved = await manager.save(subscription);
      return {
        subscriptionId: id,
        secret,
        createdAt: new Date(now).toISOString(),
        previousSecretExpiresAt: previousSecretExpiresAt(saved.signingSecrets, now),
        version: saved.version,
      };
    });
  }
}
