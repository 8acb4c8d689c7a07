/**
 * An IP address as plain numbers, parsed at the edge (the domain does no parsing of its own):
 * IPv4 as four octets, IPv6 as eight 16-bit groups.
 */
export type IpAddress =
  | { readonly family: 'ipv4'; readonly octets: readonly number[] }
  | { readonly family: 'ipv6'; readonly parts: readonly number[] };

/**
 * What an address is for. Only `public` addresses are reachable webhook endpoints in
 * production; the others name the reason one is refused.
 */
export const ADDRESS_CLASSES = [
  'public',
  'unspecified',
  'loopback',
  'private',
  'shared',
  'link_local',
  'unique_local',
  'multicast',
  'reserved',
] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

export interface AddressClassification {
  readonly class: AddressClass;
  /** The registry's name of the range, e.g. 'RFC 1918 private network'. */
  readonly range: string;
}

interface Ipv4Range {
  readonly base: readonly [number, number, number, number];
  readonly bits: number;
  readonly class: AddressClass;
  readonly range: string;
}

/** IANA IPv4 special-purpose registry (RFC 6890 and successors), most specific first. */
const IPV4_RANGES: readonly Ipv4Range[] = [
  { base: [255, 255, 255, 255], bits: 32, class: 'reserved', range: 'limited broadcast' },
  { base: [0, 0, 0, 0], bits: 8, class: 'unspecified', range: '"this network" (0.0.0.0/8)' },
  { base: [10, 0, 0, 0], bits: 8, class: 'private', range: 'RFC 1918 private network' },
  { base: [100, 64, 0, 0], bits: 10, class: 'shared', range: 'shared address space (CGNAT)' },
  { base: [127, 0, 0, 0], bits: 8, class: 'loopback', range: 'loopback' },
  { base: [169, 254, 0, 0], bits: 16, class: 'link_local', range: 'link-local (cloud metadata)' },
  { base: [172, 16, 0, 0], bits: 12, class: 'private', range: 'RFC 1918 private network' },
  { base: [192, 0, 0, 0], bits: 24, class: 'reserved', range: 'IETF protocol assignments' },
  { base: [192, 0, 2, 0], bits: 24, class: 'reserved', range: 'documentation (TEST-NET-1)' },
  { base: [192, 88, 99, 0], bits: 24, class: 'reserved', range: '6to4 relay anycast' },
  { base: [192, 168, 0, 0], bits: 16, class: 'private', range: 'RFC 1918 private network' },
  { base: [198, 18, 0, 0], bits: 15, class: 'reserved', range: 'benchmarking' },
  { base: [198, 51, 100, 0], bits: 24, class: 'reserved', range: 'documentation (TEST-NET-2)' },
  { base: [203, 0, 113, 0], bits: 24, class: 'reserved', range: 'documentation (TEST-NET-3)' },
  { base: [224, 0, 0, 0], bits: 4, class: 'multicast', range: 'multicast' },
  { base: [240, 0, 0, 0], bits: 4, class: 'reserved', range: 'reserved for future use' },
];

interface Ipv6Range {
  readonly base: readonly number[];
  readonly bits: number;
  readonly class: AddressClass;
  readonly range: string;
}

function v6(text: string, bits: number, addressClass: AddressClass, range: string): Ipv6Range {
  // Only the compact literals of the table below: groups before '::', zeros after.
  const [head = ''] = text.split('::');
  const groups = head === '' ? [] : head.split(':').map((group) => parseInt(group, 16));
  return {
    base: [...groups, ...Array<number>(8 - groups.length).fill(0)],
    bits,
    class: addressClass,
    range,
  };
}

/** IANA IPv6 special-purpose registry, checked after the ranges that embed an IPv4 address. */
const IPV6_RANGES: readonly Ipv6Range[] = [
  v6('64:ff9b:1::', 48, 'private', 'local-use IPv4/IPv6 translation'),
  v6('100::', 64, 'reserved', 'discard-only'),
  v6('2001::', 32, 'reserved', 'Teredo tunnelling'),
  v6('2001:2::', 48, 'reserved', 'benchmarking'),
  v6('2001:10::', 28, 'reserved', 'ORCHID'),
  v6('2001:20::', 28, 'reserved', 'ORCHIDv2'),
  v6('2001:db8::', 32, 'reserved', 'documentation'),
  v6('3fff::', 20, 'reserved', 'documentation'),
  v6('5f00::', 16, 'reserved', 'segment routing SIDs'),
  v6('fc00::', 7, 'unique_local', 'unique local address'),
  v6('fe80::', 10, 'link_local', 'link-local'),
  v6('fec0::', 10, 'private', 'site-local (deprecated)'),
  v6('ff00::', 8, 'multicast', 'multicast'),
];

const GLOBAL_UNICAST = v6('2000::', 3, 'public', 'global unicast');

function assertIpAddress(address: IpAddress): void {
  const [values, count, max] =
    address.family === 'ipv4' ? [address.octets, 4, 0xff] : [address.parts, 8, 0xffff];
  const valid =
    values.length === count &&
    values.every((value) => Number.isInteger(value) && value >= 0 && value <= max);
  if (!valid) throw new RangeError(`not an ${address.family} address: ${values.join(',')}`);
}

function ipv4Number(octets: readonly number[]): number {
  return (
    (((octets[0] ?? 0) << 24) |
      ((octets[1] ?? 0) << 16) |
      ((octets[2] ?? 0) << 8) |
      (octets[3] ?? 0)) >>>
    0
  );
}

function inIpv4Range(octets: readonly number[], range: Ipv4Range): boolean {
  const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
  return (ipv4Number(octets) & mask) >>> 0 === (ipv4Number(range.base) & mask) >>> 0;
}

function inIpv6Range(parts: readonly number[], base: readonly number[], bits: number): boolean {
  for (let group = 0; group < 8; group += 1) {
    const remaining = bits - group * 16;
    if (remaining <= 0) return true;
    const mask = remaining >= 16 ? 0xffff : (0xffff << (16 - remaining)) & 0xffff;
    if (((parts[group] ?? 0) & mask) !== ((base[group] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyIpv4(octets: readonly number[]): AddressClassification {
  const range = IPV4_RANGES.find((candidate) => inIpv4Range(octets, candidate));
  return range ? { class: range.class, range: range.range } : { class: 'public', range: 'public' };
}

function embeddedIpv4(parts: readonly number[], from: number): number[] {
  const high = parts[from] ?? 0;
  const low = parts[from + 1] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

/** An IPv6 address that carries an IPv4 one is what the IPv4 address is: ::ffff:127.0.0.1
 *  reaches the loopback interface like 127.0.0.1 does. */
function via(prefix: string, inner: AddressClassification): AddressClassification {
  return { class: inner.class, range: `${prefix} of ${inner.range}` };
}

function classifyIpv6(parts: readonly number[]): AddressClassification {
  const zeros = (count: number) => parts.slice(0, count).every((part) => part === 0);
  if (zeros(8)) return { class: 'unspecified', range: 'unspecified (::)' };
  if (zeros(7) && parts[7] === 1) return { class: 'loopback', range: 'loopback (::1)' };
  if (zeros(5) && parts[5] === 0xffff)
    return via('IPv4-mapped', classifyIpv4(embeddedIpv4(parts, 6)));
  if (zeros(4) && parts[4] === 0xffff && parts[5] === 0)
    return via('IPv4-translated', classifyIpv4(embeddedIpv4(parts, 6)));
  if (zeros(6)) return { class: 'reserved', range: 'IPv4-compatible (deprecated)' };
  if (inIpv6Range(parts, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96))
    return via('NAT64', classifyIpv4(embeddedIpv4(parts, 6)));
  if (parts[0] === 0x2002) return via('6to4', classifyIpv4(embeddedIpv4(parts, 1)));
  const range = IPV6_RANGES.find((candidate) => inIpv6Range(parts, candidate.base, candidate.bits));
  if (range) return { class: range.class, range: range.range };
  if (inIpv6Range(parts, GLOBAL_UNICAST.base, GLOBAL_UNICAST.bits))
    return { class: 'public', range: 'public' };
  return { class: 'reserved', range: 'outside global unicast (2000::/3)' };
}

/**
 * Which special-purpose range, if any, an address belongs to (IANA registries for IPv4 and
 * IPv6). IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-translated, NAT64, 6to4)
 * are classified by the IPv4 address they reach.
 */
export function classifyIpAddress(address: IpAddress): AddressClassification {
  assertIpAddress(address);
  return address.family === 'ipv4' ? classifyIpv4(address.octets) : classifyIpv6(address.parts);
}
