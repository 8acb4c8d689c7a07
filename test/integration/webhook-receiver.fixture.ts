import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiving endpoint saw it: the raw body, as signatures need it. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

/** How the endpoint answers: a status (with a body and headers), or never (the sender times
 *  out). */
export type Answer =
  { status: number; body?: string; headers?: Record<string, string> } | { hang: true };

export const OK: Answer = { status: 200, body: '{"received":true}' };
export const FAILS: Answer = { status: 500, body: 'receiver crashed' };
export const HANGS: Answer = { hang: true };

/**
 * A partner's webhook endpoint on 127.0.0.1: records every request, answers per path from a
 * script (the last answer repeats).
 */
export class WebhookReceiver {
  private readonly requests: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      receiver.handle(request, response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  answer(path: string, ...answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  received(path?: string): ReceivedWebhook[] {
    return this.requests.filter((request) => path === undefined || request.path === path);
  }

  /** Waits until `count` requests reached `path` (or fails after `timeoutMs`). */
  async waitFor(path: string, count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received(path).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`${path} got ${this.received(path).length} of ${count} webhooks`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.received(path);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
      }
      this.requests.push({
        path,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      });
      const script = this.scripts.get(path) ?? [OK];
      const answer = (script.length > 1 ? script.shift() : script[0]) ?? OK;
      if ('hang' in answer) {
        this.hanging.add(response);
        response.on('close', () => this.hanging.delete(response));
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    });
  }
}

/**
 * What a receiver does with a Standard Webhooks request, written from the specification
 * without the sender's code: refuse a timestamp more than 5 minutes away, compute
 * HMAC-SHA256 over `id.timestamp.body` with the base64-decoded secret (after `whsec_`),
 * compare in constant time with each `v1,` signature of the header.
 */
export function verifyWebhook(
  secret: string,
  request: ReceivedWebhook,
  nowMs = Date.now(),
): boolean {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const header = request.headers['webhook-signature'];
  if (!id || !timestamp || !header || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  return header.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const received = Buffer.from(signature, 'base64');
    return received.length === expected.length && timingSafeEqual(received, expected);
  });
}

/** The body a webhook carries (Standard Webhooks payload shape). */
export function bodyOf(request: ReceivedWebhook): {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
} {
  return JSON.parse(request.body) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
}
