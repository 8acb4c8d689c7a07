import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface WebhookRequest {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What one attempt came to: an HTTP answer (any status), or no answer and why. */
export type WebhookResponse =
  | {
      readonly kind: 'answered';
      readonly statusCode: number;
      readonly excerpt: string;
      readonly retryAfter: string | undefined;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'failed';
      readonly errorCode: string;
      readonly message: string;
      readonly durationMs: number;
    };

/** The first bytes of an answer kept in the delivery log. */
const EXCERPT_BYTES = 1024;
/** Read (and discard) at most this much of an answer, so the connection can be reused. */
const DRAIN_BYTES = 64 * 1024;

/** Socket and resolver errors by the code the delivery log shows. */
const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  ENOTFOUND: 'DNS_FAILED',
  EAI_AGAIN: 'DNS_FAILED',
  EHOSTUNREACH: 'HOST_UNREACHABLE',
  ENETUNREACH: 'HOST_UNREACHABLE',
  ETIMEDOUT: 'TIMEOUT',
  ADDRESS_NOT_ALLOWED: 'ADDRESS_NOT_ALLOWED',
  HPE_INVALID_CONSTANT: 'INVALID_RESPONSE',
  HPE_INVALID_STATUS: 'INVALID_RESPONSE',
};

function errorCodeOf(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  if (/^(?:CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/.test(code))
    return 'TLS_ERROR';
  return 'NETWORK_ERROR';
}

/**
 * Sends webhook requests: POST, no redirects followed (a 3xx is a failed attempt), one deadline
 * for the whole exchange (connect, send, answer), connections kept alive per endpoint. Host
 * names are resolved by the given lookup, which refuses addresses outside the allow-list.
 */
export class WebhookHttpSender {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(
    private readonly lookup: LookupFunction,
    maxSocketsPerEndpoint: number,
  ) {
    const options = {
      keepAlive: true,
      maxSockets: maxSocketsPerEndpoint,
      scheduling: 'lifo' as const,
    };
    this.http = new HttpAgent(options);
    this.https = new HttpsAgent(options);
  }

  send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const secure = request.url.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      const finish = (response: WebhookResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(response);
      };
      const fail = (errorCode: string, message: string) =>
        finish({ kind: 'failed', errorCode, message, durationMs: elapsed() });
      const outgoing = (secure ? httpsRequest : httpRequest)(request.url, {
        method: 'POST',
        agent: secure ? this.https : this.http,
        lookup: this.lookup,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      });
      const deadline = setTimeout(() => {
        fail('TIMEOUT', `no answer within ${request.timeoutMs} ms`);
        outgoing.destroy();
      }, request.timeoutMs);
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        fail(errorCodeOf(error), error.message),
      );
      outgoing.on('response', (incoming) => this.read(incoming, finish, elapsed));
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  /** Keeps the first bytes of the answer, drains a bounded amount so the socket is reused. */
  private read(
    incoming: IncomingMessage,
    finish: (response: WebhookResponse) => void,
    elapsed: () => number,
  ): void {
    const chunks: Buffer[] = [];
    let kept = 0;
    let read = 0;
    const answered = () =>
      finish({
        kind: 'answered',
        statusCode: incoming.statusCode ?? 0,
        excerpt: Buffer.concat(chunks).toString('utf8'),
        retryAfter: headerValue(incoming.headers['retry-after']),
        durationMs: elapsed(),
      });
    incoming.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (kept < EXCERPT_BYTES) {
        const part = chunk.subarray(0, EXCERPT_BYTES - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (read > DRAIN_BYTES) {
        answered();
        incoming.destroy();
      }
    });
    incoming.on('end', answered);
    // The status line arrived: an answer cut short is still that answer.
    incoming.on('error', answered);
    incoming.on('aborted', answered);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
