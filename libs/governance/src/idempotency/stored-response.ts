import { ProblemException, type ProblemDocument } from '@o2c/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The answer kept for replays: status, the JSON text as sent, the headers that describe it. */
export interface StoredResponse {
  status: number;
  body: string | null;
  headers: Record<string, string>;
}

export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** Headers that belong to the result. Request ids, rate-limit and lifecycle headers describe
 *  each request and are set afresh on a replay. */
const RESULT_HEADERS = ['location', 'etag', 'content-type'] as const;
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A handler's successful answer, read after it returned (the controller has set its headers). */
export function storedSuccess(reply: FastifyReply, body: unknown): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of RESULT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  // Fastify picks the media type while sending, after this runs: name the one it will pick.
  if (headers['content-type'] === undefined && body !== undefined && body !== null) {
    headers['content-type'] =
      typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  }
  return {
    status: reply.statusCode,
    body: body === undefined ? null : JSON.stringify(body),
    headers,
  };
}

/**
 * The answer goes out as the text just stored for it (JSON.stringify, as Fastify would write
 * it): the body is serialised once, and the first answer and its replays are the same bytes.
 * Returns the body for the interceptors outside to see.
 */
export function sentAsStored(reply: FastifyReply, body: unknown, stored: StoredResponse): unknown {
  const text = stored.body;
  const contentType = stored.headers['content-type'];
  if (text === null || contentType === undefined || typeof body !== 'object' || body === null) {
    return body;
  }
  void reply.header('content-type', contentType);
  void reply.serializer((payload: unknown) => (payload === body ? text : JSON.stringify(payload)));
  return body;
}

/** A handler's 4xx, exactly as ProblemDetailsFilter renders it (same instance and requestId). */
export function storedProblem(problem: ProblemException, request: FastifyRequest): StoredResponse {
  const document = problem.toDocument(request.url.split('?')[0], String(request.id));
  const headers: Record<string, string> = { 'content-type': PROBLEM_MEDIA_TYPE };
  for (const [name, value] of Object.entries(problem.headers)) headers[name.toLowerCase()] = value;
  return { status: problem.status, body: JSON.stringify(document), headers };
}

/**
 * A stored problem sent again through ProblemDetailsFilter: thrown rather than returned, so
 * interceptors and the filter treat it as the error it is, with the first request's document.
 */
export class ReplayedProblem extends ProblemException {
  constructor(
    private readonly document: ProblemDocument,
    status: number,
    headers: Record<string, string>,
  ) {
    super(document.code, document.detail ?? document.title, document.errors ?? [], {
      status,
      title: document.title,
      headers,
    });
  }

  override toDocument(): ProblemDocument {
    return this.document;
  }
}

/**
 * Sends a stored answer again, marked `Idempotent-Replayed: true`: sets status and headers and
 * returns the body for Nest to send, or throws the stored problem.
 */
export function replayStoredResponse(stored: StoredResponse, reply: FastifyReply): unknown {
  const { 'content-type': contentType, ...others } = stored.headers;
  const headers = { ...others, [IDEMPOTENT_REPLAYED_HEADER]: 'true' };
  const body: unknown = stored.body === null ? undefined : JSON.parse(stored.body);
  if (stored.status >= 400 && contentType?.startsWith(PROBLEM_MEDIA_TYPE)) {
    throw new ReplayedProblem(body as ProblemDocument, stored.status, headers);
  }
  void reply.status(stored.status).headers(headers);
  if (contentType !== undefined) void reply.header('content-type', contentType);
  return body;
}
