import type { LookupAddress, LookupAllOptions } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointAddressPolicy } from '@o2c/domain';
import { WebhookHttpSender } from '../dispatch/webhook-http.sender';
import { AddressNotAllowedError, guardedLookup } from './guarded-lookup';

const PRODUCTION: EndpointAddressPolicy = { allowInsecureHttp: true, allowPrivateAddresses: false };
const DEVELOPMENT: EndpointAddressPolicy = { allowInsecureHttp: true, allowPrivateAddresses: true };

/** A resolver that answers from a table, as DNS would (a rebinding attacker controls it). */
function resolver(table: Record<string, string[]>) {
  return (
    hostname: string,
    _options: LookupAllOptions,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    const answers = table[hostname];
    if (!answers) {
      callback(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
        [],
      );
      return;
    }
    callback(
      null,
      answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

function lookup(
  policy: EndpointAddressPolicy,
  table: Record<string, string[]>,
  hostname: string,
  all: boolean,
): Promise<{ error: NodeJS.ErrnoException | null; result: unknown }> {
  const guarded = guardedLookup(policy, resolver(table));
  return new Promise((resolve) => {
    guarded(hostname, { all }, (error: NodeJS.ErrnoException | null, ...rest: unknown[]) =>
      resolve({ error, result: rest }),
    );
  });
}

describe('guardedLookup: the allow-list checked at connection time', () => {
  const table = {
    'hooks.example': ['93.184.216.34', '2606:2800:220:1::1'],
    'rebind.example': ['127.0.0.1'],
    'mixed.example': ['93.184.216.34', '169.254.169.254'],
    'mapped.example': ['::ffff:10.0.0.1'],
    'empty.example': [],
  };

  it('hands public addresses to the socket, one or all as asked', async () => {
    expect(await lookup(PRODUCTION, table, 'hooks.example', false)).toEqual({
      error: null,
      result: ['93.184.216.34', 4],
    });
    expect(await lookup(PRODUCTION, table, 'hooks.example', true)).toEqual({
      error: null,
      result: [
        [
          { address: '93.184.216.34', family: 4 },
          { address: '2606:2800:220:1::1', family: 6 },
        ],
      ],
    });
  });

  it.each(['rebind.example', 'mixed.example', 'mapped.example', 'empty.example'])(
    'refuses %s: it resolves to an address outside the allow-list (or none)',
    async (hostname) => {
      const { error } = await lookup(PRODUCTION, table, hostname, true);
      expect(error).toBeInstanceOf(AddressNotAllowedError);
      expect(error?.code).toBe('ADDRESS_NOT_ALLOWED');
      expect(error?.message).toContain(hostname);
    },
  );

  it('lets a development setup reach private addresses', async () => {
    expect((await lookup(DEVELOPMENT, table, 'rebind.example', false)).error).toBeNull();
  });

  it('passes resolver failures through', async () => {
    const { error } = await lookup(PRODUCTION, table, 'nowhere.example', false);
    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('WebhookHttpSender against a local endpoint', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      if (request.url === '/hang') return;
      if (request.url === '/big') {
        response.end('x'.repeat(5000));
        return;
      }
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      if (request.url === '/busy') {
        response.writeHead(429, { 'retry-after': '120' }).end('slow down');
        return;
      }
      response.writeHead(200).end('thanks');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function sender(policy: EndpointAddressPolicy) {
    return new WebhookHttpSender(
      guardedLookup(policy, resolver({ 'partner.example': ['127.0.0.1'] })),
      4,
    );
  }

  const send = (http: WebhookHttpSender, path: string, host = 'partner.example', timeoutMs = 500) =>
    http.send({
      url: new URL(`http://${host}:${port}${path}`),
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs,
    });

  it('never connects when the name resolves to a refused address (DNS rebinding)', async () => {
    const http = sender(PRODUCTION);
    const before = seen.length;
    const result = await send(http, '/refused');
    http.close();
    expect(result).toMatchObject({ kind: 'failed', errorCode: 'ADDRESS_NOT_ALLOWED' });
    expect(seen).toHaveLength(before);
  });

  it('reports answers with their status, an excerpt and Retry-After; redirects are not followed', async () => {
    const http = sender(DEVELOPMENT);
    expect(await send(http, '/ok')).toMatchObject({
      kind: 'answered',
      statusCode: 200,
      excerpt: 'thanks',
    });
    const big = await send(http, '/big');
    expect(big.kind === 'answered' && big.excerpt.length).toBe(1024);
    expect(await send(http, '/busy')).toMatchObject({
      kind: 'answered',
      statusCode: 429,
      retryAfter: '120',
      excerpt: 'slow down',
    });
    expect(await send(http, '/redirect')).toMatchObject({ kind: 'answered', statusCode: 302 });
    expect(seen).not.toContain('/elsewhere');
    http.close();
  });

  it('gives up at the timeout, and names refused connections', async () => {
    const http = sender(DEVELOPMENT);
    const slow = await send(http, '/hang', 'partner.example', 200);
    expect(slow).toMatchObject({ kind: 'failed', errorCode: 'TIMEOUT' });
    expect(slow.durationMs).toBeGreaterThanOrEqual(195);
    const refused = await http.send({
      url: new URL('http://127.0.0.1:1/closed'),
      headers: {},
      body: '{}',
      timeoutMs: 500,
    });
    expect(refused).toMatchObject({ kind: 'failed', errorCode: 'CONNECTION_REFUSED' });
    http.close();
  });
});
