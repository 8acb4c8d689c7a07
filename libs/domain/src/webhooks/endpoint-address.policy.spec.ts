import ipaddr from 'ipaddr.js';
import {
  addressViolation,
  type EndpointAddressPolicy,
  type EndpointUrl,
  endpointUrlViolations,
  resolvedAddressViolations,
} from './endpoint-address.policy';
import type { IpAddress } from './ip-address.ranges';

const PRODUCTION: EndpointAddressPolicy = {
  allowInsecureHttp: false,
  allowPrivateAddresses: false,
};
const DEVELOPMENT: EndpointAddressPolicy = { allowInsecureHttp: true, allowPrivateAddresses: true };

function address(text: string): IpAddress {
  const parsed = ipaddr.parse(text);
  return parsed.kind() === 'ipv4'
    ? { family: 'ipv4', octets: (parsed as ipaddr.IPv4).octets }
    : { family: 'ipv6', parts: (parsed as ipaddr.IPv6).parts };
}

/** As the integration library parses a URL: WHATWG URL, then ipaddr.js for literal hosts. */
function endpoint(text: string): EndpointUrl {
  const url = new URL(text);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    scheme: url.protocol.replace(/:$/, ''),
    host: ipaddr.isValid(hostname)
      ? { kind: 'ip', address: address(hostname), text: hostname }
      : { kind: 'name', name: hostname },
    hasCredentials: url.username !== '' || url.password !== '',
    hasFragment: url.hash !== '',
  };
}

const rules = (text: string, policy = PRODUCTION) =>
  endpointUrlViolations(endpoint(text), policy).map((violation) => violation.rule);

describe('endpointUrlViolations', () => {
  it.each([
    'https://hooks.partner.example/o2c',
    'https://hooks.partner.example:8443/o2c?tenant=7',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://example.com./trailing-dot',
  ])('accepts %s', (url) => {
    expect(rules(url)).toEqual([]);
  });

  it('requires https unless insecure http is allowed for development', () => {
    expect(rules('http://hooks.partner.example/o2c')).toEqual(['https-required']);
    expect(
      rules('http://hooks.partner.example/o2c', { ...PRODUCTION, allowInsecureHttp: true }),
    ).toEqual([]);
    // The switch is for http only: other schemes stay refused.
    expect(rules('ftp://hooks.partner.example/o2c', DEVELOPMENT)).toEqual(['https-required']);
    expect(rules('ws://hooks.partner.example/o2c', DEVELOPMENT)).toEqual(['https-required']);
  });

  it('names the scheme it refused', () => {
    const [violation] = endpointUrlViolations(endpoint('http://a.example/'), PRODUCTION);
    expect(violation?.message).toBe('the URL scheme must be https (got http)');
  });

  it('refuses credentials and fragments in the URL', () => {
    expect(rules('https://user:pw@hooks.partner.example/')).toEqual(['no-credentials']);
    expect(rules('https://user@hooks.partner.example/')).toEqual(['no-credentials']);
    expect(rules('https://hooks.partner.example/#x')).toEqual(['no-fragment']);
    expect(rules('http://u:p@127.0.0.1/#x')).toEqual([
      'https-required',
      'no-credentials',
      'no-fragment',
      'public-address',
    ]);
  });

  it.each([
    'https://127.0.0.1/',
    'https://127.1/',
    'https://0x7f.0.0.1/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://10.0.0.5/',
    'https://172.16.3.4/',
    'https://192.168.0.10/',
    'https://100.64.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[::]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://[ff02::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:169.254.169.254]/',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[2002:7f00:1::]/',
    'https://224.0.0.1/',
    'https://192.0.2.10/',
  ])('refuses the non-public literal address of %s', (url) => {
    expect(rules(url)).toEqual(['public-address']);
  });

  it('says which kind of address it refused', () => {
    const [violation] = endpointUrlViolations(endpoint('https://[::ffff:10.0.0.1]/'), PRODUCTION);
    expect(violation?.message).toBe(
      '::ffff:a00:1 is a private address (IPv4-mapped of RFC 1918 private network); webhooks go to public addresses only',
    );
    const [metadata] = endpointUrlViolations(endpoint('https://169.254.169.254/'), PRODUCTION);
    expect(metadata?.message).toContain('is a link-local address');
  });

  it.each([
    'https://127.0.0.1:8080/',
    'https://10.0.0.5/',
    'https://[::1]/',
    'https://[fd00::1]/',
    'https://[::ffff:192.168.1.1]/',
    'https://169.254.10.10/',
    'https://100.64.0.1/',
  ])('allows %s when private addresses are allowed for development', (url) => {
    expect(rules(url, DEVELOPMENT)).toEqual([]);
  });

  it.each([
    'https://0.0.0.0/',
    'https://[::]/',
    'https://224.0.0.1/',
    'https://[ff02::1]/',
    'https://255.255.255.255/',
    'https://192.0.2.1/',
  ])('never allows the unspecified, multicast or reserved address of %s', (url) => {
    expect(rules(url, DEVELOPMENT)).toEqual(['public-address']);
  });

  it.each([
    'https://localhost/',
    'https://LOCALHOST./',
    'https://api.localhost/',
    'https://printer.local/',
    'https://metadata.google.internal/',
    'https://router.lan/',
    'https://nas.home.arpa/',
    'https://box.localdomain/',
    'https://intranet/',
    'https://db/',
  ])('refuses the local or unqualified host name of %s', (url) => {
    expect(rules(url)).toEqual(['public-host-name']);
    expect(rules(url, DEVELOPMENT)).toEqual([]);
  });

  it('does not mistake public names that merely contain a local word', () => {
    expect(rules('https://localhost.example.com/')).toEqual([]);
    expect(rules('https://internal.partner.example/')).toEqual([]);
    expect(rules('https://local.partner.example/')).toEqual([]);
  });
});

describe('addressViolation', () => {
  it('is undefined for a public address and names the rule otherwise', () => {
    expect(addressViolation(address('8.8.8.8'), '8.8.8.8', PRODUCTION)).toBeUndefined();
    expect(addressViolation(address('127.0.0.1'), '127.0.0.1', PRODUCTION)).toEqual({
      rule: 'public-address',
      message: '127.0.0.1 is a loopback address (loopback); webhooks go to public addresses only',
    });
    expect(addressViolation(address('::'), '::', PRODUCTION)?.message).toContain(
      'is an unspecified address',
    );
  });
});

describe('resolvedAddressViolations (DNS answers checked at delivery time)', () => {
  const answer = (...texts: string[]) => texts.map((text) => ({ address: address(text), text }));

  it('passes a name that resolves to public addresses only', () => {
    expect(
      resolvedAddressViolations('hooks.example', answer('8.8.8.8', '2606:4700::1'), PRODUCTION),
    ).toEqual([]);
  });

  it('refuses a name when any address it resolves to is not public (DNS rebinding)', () => {
    const violations = resolvedAddressViolations(
      'rebind.example',
      answer('8.8.8.8', '127.0.0.1', '::ffff:10.0.0.1'),
      PRODUCTION,
    );
    expect(violations.map((violation) => violation.rule)).toEqual([
      'public-address',
      'public-address',
    ]);
    expect(violations[0]?.message).toBe(
      'rebind.example resolves to 127.0.0.1, a loopback address (loopback); webhooks go to public addresses only',
    );
  });

  it('refuses a name that resolved to nothing', () => {
    expect(resolvedAddressViolations('void.example', [], PRODUCTION)).toEqual([
      { rule: 'public-address', message: 'void.example resolved to no address' },
    ]);
  });

  it('lets a development setup reach a receiver on this machine', () => {
    expect(resolvedAddressViolations('localhost', answer('127.0.0.1', '::1'), DEVELOPMENT)).toEqual(
      [],
    );
  });
});
