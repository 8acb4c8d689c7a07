import { type AddressClass, classifyIpAddress, type IpAddress } from './ip-address.ranges';

/**
 * A webhook endpoint URL, parsed at the edge (WHATWG URL, then an IP parser for literal hosts):
 * only what the allow-list policy looks at.
 */
export interface EndpointUrl {
  /** Without the colon: 'https', 'http', 'ftp'... */
  readonly scheme: string;
  readonly host:
    | { readonly kind: 'ip'; readonly address: IpAddress; readonly text: string }
    | { readonly kind: 'name'; readonly name: string };
  /** user:password@ in the URL. */
  readonly hasCredentials: boolean;
  readonly hasFragment: boolean;
}

/** Local development may reach a receiver on this machine or the office network; nothing else
 *  may. Both switches are off in production. */
export interface EndpointAddressPolicy {
  readonly allowInsecureHttp: boolean;
  readonly allowPrivateAddresses: boolean;
}

/** One broken rule; `rule` is stable (clients and tests rely on it). */
export interface EndpointViolation {
  readonly rule:
    'https-required' | 'no-credentials' | 'no-fragment' | 'public-address' | 'public-host-name';
  readonly message: string;
}

/** Reachable on a developer's machine or network: allowed by the development switch. */
const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set([
  'loopback',
  'private',
  'shared',
  'link_local',
  'unique_local',
]);

/** Names that resolve to the machine itself or to the local network whatever DNS says. */
const LOCAL_NAME = /(?:^|\.)(?:localhost|localdomain|local|internal|intranet|lan|home\.arpa)$/;

const PUBLIC_ONLY = 'webhooks go to public addresses only';

/** "a loopback address (loopback)", "an unspecified address (::)" */
function kindOf(addressClass: AddressClass, range: string): string {
  const article = /^[aeiou]/.test(addressClass) ? 'an' : 'a';
  return `${article} ${addressClass.replace('_', '-')} address (${range})`;
}

function refusedAddress(
  address: IpAddress,
  policy: EndpointAddressPolicy,
): { addressClass: AddressClass; range: string } | undefined {
  const classification = classifyIpAddress(address);
  if (classification.class === 'public') return undefined;
  if (policy.allowPrivateAddresses && PRIVATE_CLASSES.has(classification.class)) return undefined;
  return { addressClass: classification.class, range: classification.range };
}

/**
 * Whether one address may be connected to: public addresses always; loopback, private, shared,
 * link-local and unique-local ones only with `allowPrivateAddresses`; unspecified, multicast
 * and reserved ones never (no HTTP server answers there, and 0.0.0.0 reaches this machine).
 */
export function addressViolation(
  address: IpAddress,
  text: string,
  policy: EndpointAddressPolicy,
): EndpointViolation | undefined {
  const refused = refusedAddress(address, policy);
  if (!refused) return undefined;
  return {
    rule: 'public-address',
    message: `${text} is ${kindOf(refused.addressClass, refused.range)}; ${PUBLIC_ONLY}`,
  };
}

/**
 * What is wrong with an endpoint URL, checked when a subscription is registered or changed and
 * again before every delivery: https (http only with the development switch), no credentials
 * or fragment in the URL, a literal address that is public, and a host name that is fully
 * qualified and not a local one. Names are resolved at delivery time and every address they
 * resolve to is checked then with `resolvedAddressViolations`.
 */
export function endpointUrlViolations(
  url: EndpointUrl,
  policy: EndpointAddressPolicy,
): EndpointViolation[] {
  const violations: EndpointViolation[] = [];
  const insecureAllowed = policy.allowInsecureHttp && url.scheme === 'http';
  if (url.scheme !== 'https' && !insecureAllowed) {
    violations.push({
      rule: 'https-required',
      message: `the URL scheme must be https (got ${url.scheme})`,
    });
  }
  if (url.hasCredentials) {
    violations.push({
      rule: 'no-credentials',
      message: 'the URL must not carry a user name or password; the signature authenticates us',
    });
  }
  if (url.hasFragment) {
    violations.push({ rule: 'no-fragment', message: 'the URL must not have a #fragment' });
  }
  if (url.host.kind === 'ip') {
    const violation = addressViolation(url.host.address, url.host.text, policy);
    if (violation) violations.push(violation);
  } else {
    const violation = hostNameViolation(url.host.name, policy);
    if (violation) violations.push(violation);
  }
  return violations;
}

function hostNameViolation(
  name: string,
  policy: EndpointAddressPolicy,
): EndpointViolation | undefined {
  if (policy.allowPrivateAddresses) return undefined;
  const host = name.toLowerCase().replace(/\.$/, '');
  if (LOCAL_NAME.test(host)) {
    return {
      rule: 'public-host-name',
      message: `${name} names a local host or network; webhooks go to public hosts only`,
    };
  }
  if (!host.includes('.')) {
    return {
      rule: 'public-host-name',
      message: `${name} is not a fully qualified domain name (resolver search domains reach internal hosts)`,
    };
  }
  return undefined;
}

/**
 * Every address a host name resolved to, checked just before connecting: one refused address
 * refuses the delivery (a name that resolves to a public and a private address is exactly the
 * DNS-rebinding trick). No address at all is refused too.
 */
export function resolvedAddressViolations(
  hostName: string,
  addresses: readonly { readonly address: IpAddress; readonly text: string }[],
  policy: EndpointAddressPolicy,
): EndpointViolation[] {
  if (addresses.length === 0) {
    return [{ rule: 'public-address', message: `${hostName} resolved to no address` }];
  }
  return addresses.flatMap(({ address, text }): EndpointViolation[] => {
    const refused = refusedAddress(address, policy);
    if (!refused) return [];
    const kind = kindOf(refused.addressClass, refused.range);
    return [
      {
        rule: 'public-address',
        message: `${hostName} resolves to ${text}, ${kind}; ${PUBLIC_ONLY}`,
      },
    ];
  });
}
