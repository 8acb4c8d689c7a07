import {
  type EndpointAddressPolicy,
  eventTypeViolations,
  normalizeEventTypePatterns,
  type SubscriberKind,
} from '@o2c/domain';
import { ApiErrorCode, type FieldError, ProblemException } from '@o2c/http';
import { checkEndpointUrl, isAbsoluteUrl } from '../endpoint/endpoint-url.parser';
import { urlNotAllowed, WebhookErrorCode, webhookProblem } from '../webhook.errors';

const URL_PATH = '/body/url';

/** The URL as given, once it is an absolute URL (400 otherwise) the allow-list accepts (422,
 *  naming each broken rule). */
export function checkedEndpointUrl(url: string, policy: EndpointAddressPolicy): string {
  if (!isAbsoluteUrl(url)) {
    throw ProblemException.invalid(
      URL_PATH,
      'absolute-url',
      'must be an absolute URL such as https://hooks.example.com/o2c',
    );
  }
  const checked = checkEndpointUrl(url, policy);
  if (!checked.ok) {
    throw urlNotAllowed(
      checked.violations.map((violation) => ({
        path: URL_PATH,
        rule: violation.rule,
        message: violation.message,
      })),
    );
  }
  return checked.url.toString();
}

/** The patterns normalized, once each is well-formed (400) and, for a partner, selects an event
 *  type partners receive (422). */
export function checkedEventTypes(patterns: string[], kind: SubscriberKind): string[] {
  const violations = eventTypeViolations(patterns, kind);
  const malformed = violations.filter((violation) => violation.rule === 'event-type-pattern');
  const toErrors = (list: typeof violations): FieldError[] =>
    list.map((violation) => ({
      path: `/body/eventTypes/${violation.index}`,
      rule: violation.rule,
      message: violation.message,
    }));
  if (malformed.length > 0) {
    const errors = toErrors(malformed);
    throw new ProblemException(ApiErrorCode.VALIDATION_FAILED, errors[0]?.message ?? '', errors);
  }
  if (violations.length > 0) {
    throw webhookProblem(WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED, toErrors(violations));
  }
  return normalizeEventTypePatterns(patterns);
}
