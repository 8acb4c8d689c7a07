/**
 * What a customer wants done with quantity that stock cannot cover (after substitutes):
 * backorder: the rest waits for stock;
 * cancel: the rest is cancelled at once (855 rejected) and the order goes on with what it got;
 * review: the order waits on an inventory-review hold until a person accepts the shortages.
 */
export const SHORTAGE_POLICIES = ['backorder', 'cancel', 'review'] as const;
export type ShortagePolicy = (typeof SHORTAGE_POLICIES)[number];

/** The policy a customer had when all there was to say was `allowBackorders`. */
export function shortagePolicyFromBackorders(allowBackorders: boolean): ShortagePolicy {
  return allowBackorders ? 'backorder' : 'review';
}

/** `allowBackorders` as older clients still read it: only the backorder policy backorders. */
export function backordersAllowed(policy: ShortagePolicy): boolean {
  return policy === 'backorder';
}

/**
 * Whether quantity the plan rejects stands without a person: at once for a customer who
 * cancels short remainders, and after an inventory review accepted them for one who reviews.
 * Under the backorder policy the plan rejects nothing; should it ever, a person looks first.
 */
export function shortagesStand(policy: ShortagePolicy, reviewAccepted: boolean): boolean {
  switch (policy) {
    case 'cancel':
      return true;
    case 'review':
    case 'backorder':
      return reviewAccepted;
  }
}

export type ShortagePolicyRequest =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'set'; readonly policy: ShortagePolicy }
  /** Both fields sent and they disagree (e.g. allowBackorders true with cancel). */
  | { readonly kind: 'conflict' };

/**
 * The policy a request asks for, from `shortagePolicy` and/or the older `allowBackorders`.
 * `allowBackorders: false` keeps a policy that already does not backorder (a client that reads
 * false from a cancel customer and sends it back must not turn it into review); otherwise
 * true means backorder and false means review.
 */
export function requestedShortagePolicy(
  request: { readonly shortagePolicy?: ShortagePolicy; readonly allowBackorders?: boolean },
  current: ShortagePolicy,
): ShortagePolicyRequest {
  const { shortagePolicy, allowBackorders } = request;
  if (shortagePolicy !== undefined) {
    if (allowBackorders !== undefined && allowBackorders !== backordersAllowed(shortagePolicy)) {
      return { kind: 'conflict' };
    }
    return { kind: 'set', policy: shortagePolicy };
  }
  if (allowBackorders === undefined) return { kind: 'unchanged' };
  if (allowBackorders === backordersAllowed(current)) return { kind: 'unchanged' };
  return { kind: 'set', policy: shortagePolicyFromBackorders(allowBackorders) };
}
