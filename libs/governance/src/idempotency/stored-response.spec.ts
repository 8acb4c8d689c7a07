import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ReplayedProblem,
  replayStoredResponse,
  storedProblem,
  storedSuccess,
} from './stored-response';

/** The parts of a Fastify reply the store reads and writes; `sent` holds its headers. */
function fakeReply(statusCode = 201, preset: Record<string, string> = {}) {
  const sent: Record<string, string> = { ...preset };
  const reply = {
    statusCode,
    sent,
    getHeader: (name: string) => sent[name],
    header(name: string, value: string) {
      sent[name] = value;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(sent, values);
      return reply;
    },
    status(code: number) {
      reply.statusCode = code;
      return reply;
    },
  };
  return reply;
}

function asReply(reply: ReturnType<typeof fakeReply>): FastifyReply {
  return reply as unknown as FastifyReply;
}

describe('a stored answer', () => {
  it('keeps status, the JSON text and the headers that describe the result', () => {
    const reply = fakeReply(201, { etag: '"1"', location: '/things/1', ratelimit: 'x' });
    expect(storedSuccess(asReply(reply), { id: '1', b: 2, a: 1 })).toEqual({
      status: 201,
      body: '{"id":"1","b":2,"a":1}',
      headers: {
        etag: '"1"',
        location: '/things/1',
        'content-type': 'application/json; charset=utf-8',
      },
    });
  });

  it('keeps an empty answer without a body or media type', () => {
    expect(storedSuccess(asReply(fakeReply(204)), undefined)).toEqual({
      status: 204,
      body: null,
      headers: {},
    });
  });

  it('keeps a problem as the filter renders it, with its own headers', () => {
    const problem = new ProblemException(ApiErrorCode.ALREADY_EXISTS, 'taken', [], {
      headers: { 'Retry-After': '5' },
    });
    const request = { url: '/things?x=1', id: 'req-1' } as unknown as FastifyRequest;
    const stored = storedProblem(problem, request);
    expect(stored.status).toBe(409);
    expect(stored.headers).toEqual({
      'content-type': 'application/problem+json',
      'retry-after': '5',
    });
    expect(JSON.parse(stored.body ?? '')).toEqual(problem.toDocument('/things', 'req-1'));
  });
});

describe('replaying a stored answer', () => {
  it('sets status and headers, marks the replay and returns the body', () => {
    const reply = fakeReply(201);
    const body = replayStoredResponse(
      {
        status: 200,
        body: '{"id":"1"}',
        headers: { etag: '"3"', 'content-type': 'application/json; charset=utf-8' },
      },
      asReply(reply),
    );
    expect(body).toEqual({ id: '1' });
    expect(reply.statusCode).toBe(200);
    expect(reply.sent).toEqual({
      etag: '"3"',
      'content-type': 'application/json; charset=utf-8',
      'idempotent-replayed': 'true',
    });
  });

  it('throws a stored problem with the first document, for the problem filter to send', () => {
    const document = { type: 't', title: 'Taken', status: 409, code: 'X', requestId: 'first' };
    let thrown: unknown;
    try {
      replayStoredResponse(
        {
          status: 409,
          body: JSON.stringify(document),
          headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
        },
        asReply(fakeReply()),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReplayedProblem);
    const problem = thrown as ReplayedProblem;
    expect(problem.status).toBe(409);
    expect(problem.headers).toEqual({ 'retry-after': '5', 'idempotent-replayed': 'true' });
    expect(problem.toDocument()).toEqual(document);
  });
});
