import { type FieldError, ProblemException } from '@o2c/http';

/** Stable codes of the webhook rules; clients may rely on them. */
export enum WebhookErrorCode {
  URL_NOT_ALLOWED = 'WEBHOOK.URL_NOT_ALLOWED',
  EVENT_TYPE_NOT_ALLOWED = 'WEBHOOK.EVENT_TYPE_NOT_ALLOWED',
  ACCOUNT_REQUIRED = 'WEBHOOK.ACCOUNT_REQUIRED',
  ACCOUNT_UNKNOWN = 'WEBHOOK.ACCOUNT_UNKNOWN',
  SUBSCRIPTION_LIMIT = 'WEBHOOK.SUBSCRIPTION_LIMIT',
  SUBSCRIPTION_DISABLED = 'WEBHOOK.SUBSCRIPTION_DISABLED',
}

/** The one place these codes become HTTP statuses; an unmapped code does not compile. */
function statusOf(code: WebhookErrorCode): number {
  switch (code) {
    case WebhookErrorCode.URL_NOT_ALLOWED:
    case WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED:
    case WebhookErrorCode.ACCOUNT_REQUIRED:
    case WebhookErrorCode.ACCOUNT_UNKNOWN:
    case WebhookErrorCode.SUBSCRIPTION_LIMIT:
      return 422;
    case WebhookErrorCode.SUBSCRIPTION_DISABLED:
      return 409;
  }
}

function titleOf(code: WebhookErrorCode): string {
  switch (code) {
    case WebhookErrorCode.URL_NOT_ALLOWED:
      return 'The endpoint URL is not allowed';
    case WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED:
      return 'The event type may not be subscribed to';
    case WebhookErrorCode.ACCOUNT_REQUIRED:
      return 'Name the customer account';
    case WebhookErrorCode.ACCOUNT_UNKNOWN:
      return 'The customer account does not exist';
    case WebhookErrorCode.SUBSCRIPTION_LIMIT:
      return 'Too many webhook subscriptions';
    case WebhookErrorCode.SUBSCRIPTION_DISABLED:
      return 'The webhook subscription is disabled';
  }
}

export function webhookProblem(code: WebhookErrorCode, errors: FieldError[]): ProblemException {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ProblemException(code, `${first?.message ?? code}${more}`, errors, {
    status: statusOf(code),
    title: titleOf(code),
  });
}

export function urlNotAllowed(errors: FieldError[]): ProblemException {
  return webhookProblem(WebhookErrorCode.URL_NOT_ALLOWED, errors);
}

export function accountRequired(): ProblemException {
  return webhookProblem(WebhookErrorCode.ACCOUNT_REQUIRED, [
    {
      path: '/body/customerId',
      rule: 'required-for-several-accounts',
      message: 'name the customer account the subscription is for: the client acts for several',
    },
  ]);
}

export function accountUnknown(customerId: string): ProblemException {
  return webhookProblem(WebhookErrorCode.ACCOUNT_UNKNOWN, [
    {
      path: '/body/customerId',
      rule: 'existing-customer',
      message: `customer ${customerId} does not exist`,
    },
  ]);
}

export function subscriptionLimit(limit: number): ProblemException {
  return webhookProblem(WebhookErrorCode.SUBSCRIPTION_LIMIT, [
    {
      path: '/body',
      rule: 'subscriptions-per-account',
      message: `an account holds at most ${limit} webhook subscriptions; delete one first`,
    },
  ]);
}

export function subscriptionDisabled(id: string): ProblemException {
  return webhookProblem(WebhookErrorCode.SUBSCRIPTION_DISABLED, [
    {
      path: '/status',
      rule: 'subscription-active',
      message: `webhook subscription ${id} is disabled; enable it to send a ping`,
    },
  ]);
}
