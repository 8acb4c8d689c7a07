import ipaddr from 'ipaddr.js';
import { type AddressClass, classifyIpAddress, type IpAddress } from './ip-address.ranges';

/** Specs parse with ipaddr.js, as the integration library does before asking the domain. */
function parsed(text: string): IpAddress {
  const address = ipaddr.parse(text);
  return address.kind() === 'ipv4'
    ? { family: 'ipv4', octets: (address as ipaddr.IPv4).octets }
    : { family: 'ipv6', parts: (address as ipaddr.IPv6).parts };
}

const classOf = (text: string) => classifyIpAddress(parsed(text)).class;

describe('classifyIpAddress', () => {
  it.each<[string, AddressClass]>([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['93.184.216.34', 'public'],
    ['11.0.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['192.167.255.255', 'public'],
    ['192.169.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['128.0.0.0', 'public'],
    ['223.255.255.255', 'public'],
    ['198.17.255.255', 'public'],
    ['198.20.0.0', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['169.254.169.254', 'link_local'],
    ['169.254.0.1', 'link_local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['192.88.99.1', 'reserved'],
  ])('IPv4 %s is %s', (text, expected) => {
    expect(classOf(text)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456:789a::1', 'unique_local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:2::1', 'reserved'],
    ['2001:10::1', 'reserved'],
    ['2001:20::1', 'reserved'],
    ['64:ff9b:1::1', 'private'],
    ['::7f00:1', 'reserved'],
    ['::808:808', 'reserved'], // IPv4-compatible, as URL writes ::8.8.8.8
    ['4000::1', 'reserved'],
    ['1::1', 'reserved'],
  ])('IPv6 %s is %s', (text, expected) => {
    expect(classOf(text)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:8.8.8.8', 'public'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:a9fe:a9fe::1', 'link_local'],
    ['2002:808:808::1', 'public'],
  ])('IPv6 %s embeds an IPv4 address and is %s', (text, expected) => {
    expect(classOf(text)).toBe(expected);
  });

  it('names the range and, for embedded addresses, the carrier', () => {
    expect(classifyIpAddress(parsed('10.0.0.1'))).toEqual({
      class: 'private',
      range: 'RFC 1918 private network',
    });
    expect(classifyIpAddress(parsed('::ffff:127.0.0.1')).range).toBe('IPv4-mapped of loopback');
    expect(classifyIpAddress(parsed('64:ff9b::a9fe:a9fe')).range).toBe(
      'NAT64 of link-local (cloud metadata)',
    );
  });

  it('agrees with ipaddr.js on every address ipaddr.js calls plain unicast or a private range', () => {
    // ipaddr.js names ranges differently; what matters is that its 'unicast' is our 'public'
    // and that none of its special ranges is public for us.
    const samples = [
      '8.8.8.8',
      '10.1.1.1',
      '127.0.0.1',
      '169.254.1.1',
      '172.20.0.1',
      '192.168.0.1',
      '224.0.0.5',
      '0.0.0.0',
      '255.255.255.255',
      '100.64.1.1',
      '2606:4700::1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '2001:db8::1',
      '::ffff:10.0.0.1',
      '64:ff9b::1:1',
      '2002:a00:1::',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    ];
    for (const text of samples) {
      const theirs = ipaddr.parse(text).range();
      const ours = classOf(text);
      if (theirs === 'unicast') expect([text, ours]).toEqual([text, 'public']);
      else if (!['ipv4Mapped', 'rfc6052', '6to4'].includes(theirs))
        expect([text, ours === 'public']).toEqual([text, false]);
    }
  });

  it('classifies every IPv4 /8 boundary without throwing', () => {
    for (let first = 0; first < 256; first += 1) {
      for (const octets of [
        [first, 0, 0, 0],
        [first, 255, 255, 255],
      ]) {
        expect(() => classifyIpAddress({ family: 'ipv4', octets })).not.toThrow();
      }
    }
  });

  it.each<[IpAddress]>([
    [{ family: 'ipv4', octets: [127, 0, 0] }],
    [{ family: 'ipv4', octets: [256, 0, 0, 1] }],
    [{ family: 'ipv4', octets: [1, 2, 3, -1] }],
    [{ family: 'ipv4', octets: [1, 2, 3, 4.5] }],
    [{ family: 'ipv6', parts: [0, 0, 0, 0, 0, 0, 1] }],
    [{ family: 'ipv6', parts: [0x10000, 0, 0, 0, 0, 0, 0, 1] }],
  ])('refuses a malformed address %j', (address) => {
    expect(() => classifyIpAddress(address)).toThrow(RangeError);
  });
});
