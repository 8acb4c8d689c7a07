import {
  type EndpointAddressPolicy,
  type EndpointUrl,
  endpointUrlViolations,
  type EndpointViolation,
  type IpAddress,
} from '@o2c/domain';
import ipaddr from 'ipaddr.js';

/** An IP address in the domain's plain form, or undefined when the text is not one. IPv4 only in
 *  the dotted-quad form WHATWG URL and the resolver write (never 0x7f.1 or 2130706433). */
export function ipAddressOf(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { family: 'ipv4', octets: ipaddr.IPv4.parse(text).octets };
  }
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) {
    return { family: 'ipv6', parts: ipaddr.IPv6.parse(text).parts };
  }
  return undefined;
}

export type EndpointCheck =
  | { readonly ok: true; readonly url: URL; readonly endpoint: EndpointUrl }
  | { readonly ok: false; readonly violations: readonly EndpointViolation[] };

/**
 * Parses an endpoint URL as a WHATWG URL (which already writes 0x7f.1 and 2130706433 as
 * 127.0.0.1 and IPv6 in canonical form) and checks it against the allow-list policy.
 */
export function checkEndpointUrl(text: string, policy: EndpointAddressPolicy): EndpointCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, violations: [{ rule: 'https-required', message: 'not an absolute URL' }] };
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const address = ipAddressOf(hostname);
  const endpoint: EndpointUrl = {
    scheme: url.protocol.replace(/:$/, ''),
    host: address ? { kind: 'ip', address, text: hostname } : { kind: 'name', name: hostname },
    hasCredentials: url.username !== '' || url.password !== '',
    hasFragment: url.hash !== '',
  };
  const violations = endpointUrlViolations(endpoint, policy);
  return violations.length > 0 ? { ok: false, violations } : { ok: true, url, endpoint };
}

/** Whether a text parses as an absolute URL at all (a syntax error is a 400, not a policy 422). */
export function isAbsoluteUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}
