import { randomBytes } from 'node:crypto';
import { formatWebhookSecret } from '@o2c/domain';

/** A new signing secret: `whsec_` and 32 random bytes in base64 (Standard Webhooks form). */
export function generateSigningSecret(): string {
  return formatWebhookSecret(randomBytes(32).toString('base64'));
}
