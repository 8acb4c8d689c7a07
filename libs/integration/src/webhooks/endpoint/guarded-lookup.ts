import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type EndpointAddressPolicy, resolvedAddressViolations } from '@o2c/domain';
import { ipAddressOf } from './endpoint-url.parser';

/** A connection refused by the allow-list after DNS: the name resolved to a refused address. */
export class AddressNotAllowedError extends Error {
  readonly code = 'ADDRESS_NOT_ALLOWED';

  constructor(message: string) {
    super(message);
    this.name = 'AddressNotAllowedError';
  }
}

type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * The `lookup` given to every webhook request: it resolves the host name at connection time and
 * refuses the connection when any address it resolved to is not allowed, so a name that
 * answered with a public address when it was registered cannot be turned to 127.0.0.1 or the
 * cloud metadata address later (DNS rebinding). The socket then connects to exactly the
 * addresses that were checked.
 */
export function guardedLookup(
  policy: EndpointAddressPolicy,
  resolve: Resolve = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const checked = addresses.flatMap((entry) => {
        const address = ipAddressOf(entry.address);
        return address ? [{ address, text: entry.address }] : [];
      });
      if (checked.length !== addresses.length) {
        callback(
          new AddressNotAllowedError(`${hostname} resolved to an unreadable address`),
          '',
          0,
        );
        return;
      }
      const violations = resolvedAddressViolations(hostname, checked, policy);
      if (violations.length > 0) {
        callback(
          new AddressNotAllowedError(violations.map((violation) => violation.message).join('; ')),
          '',
          0,
        );
        return;
      }
      if (options.all) {
        (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const [first] = addresses;
      callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
