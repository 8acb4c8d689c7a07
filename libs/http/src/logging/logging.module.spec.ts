import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpException,
  Logger,
  Module,
  Param,
  Post,
  type DynamicModule,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { requestIdFor } from '../correlation/request-id';
import { LoggingModule } from './logging.module';
import { PinoLoggerService } from './pino-logger.service';

type Line = Record<string, unknown>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Controller()
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Get('things/:id')
  async read(@Param('id') id: string) {
    await pause(id === 'slow' ? 30 : 1);
    this.logger.log(`read ${id}`);
    return { id };
  }

  @Post('things')
  async create(@Body() body: { name: string }) {
    await pause(5);
    this.logger.warn({ name: body.name }, 'thing created');
    return { created: body.name };
  }

  @Get('refused')
  refused() {
    throw new HttpException('nope', 403);
  }

  @Get('broken')
  broken() {
    throw new Error('wired wrong');
  }

  @Get('health/ready')
  ready() {
    return { status: 'ok' };
  }

  @Get('metrics')
  metrics() {
    return 'up 1';
  }
}

@Module({})
class ProbeModule {
  static forRoot(destination: Writable): DynamicModule {
    return {
      module: ProbeModule,
      imports: [LoggingModule.forRoot({ LOG_LEVEL: 'info' }, destination)],
      controllers: [ProbeController],
    };
  }
}

describe('LoggingModule', () => {
  const lines: Line[] = [];
  let app: NestFastifyApplication;
  let base: string;

  const requestLine = (requestId: string) =>
    lines.find((line) => line.requestId === requestId && 'responseTime' in line);
  const call = (path: string, requestId: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { 'x-request-id': requestId, ...(init.headers as Record<string, string>) },
    });

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString().split('\n')) {
          if (text) lines.push(JSON.parse(text) as Line);
        }
        done();
      },
    });
    app = await NestFactory.create<NestFastifyApplication>(
      ProbeModule.forRoot(destination),
      new FastifyAdapter({
        // As the gateway does: honour the caller's X-Request-Id.
        genReqId: (request: IncomingMessage | Http2ServerRequest) =>
          requestIdFor(request as IncomingMessage),
        requestIdHeader: false,
      }),
      { bufferLogs: true },
    );
    app.useLogger(app.get(PinoLoggerService));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it("writes Nest's own logs as JSON with their context", () => {
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      }),
    );
  });

  it('writes one line per request with req, res, responseTime and the request id', async () => {
    const response = await call('/things/a?expand=1', 'req-a', {
      headers: { authorization: 'Bearer secret', cookie: 'session=secret' },
    });
    expect(response.status).toBe(200);
    const completed = lines.filter((line) => line.requestId === 'req-a' && 'res' in line);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      requestId: 'req-a',
      req: {
        id: 'req-a',
        method: 'GET',
        url: '/things/a?expand=1',
        query: { expand: '1' },
        headers: { authorization: '[redacted]', cookie: '[redacted]' },
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('binds lines logged while serving a request to that request', async () => {
    await Promise.all([call('/things/slow', 'req-slow'), call('/things/fast', 'req-fast')]);
    expect(lines).toContainEqual(
      expect.objectContaining({ context: 'Probe', msg: 'read slow', requestId: 'req-slow' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ context: 'Probe', msg: 'read fast', requestId: 'req-fast' }),
    );
    const read = lines.find((line) => line.msg === 'read slow');
    expect(read?.req).toMatchObject({ id: 'req-slow', url: '/things/slow' });
  });

  it('keeps the binding across body parsing', async () => {
    const response = await call('/things', 'req-post', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(201);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, context: 'Probe', msg: 'thing created' }),
    );
    expect(lines.find((line) => line.msg === 'thing created')?.requestId).toBe('req-post');
  });

  it('logs 4xx answers as warn and 5xx answers as error', async () => {
    await call('/refused', 'req-403');
    await call('/no-such-route', 'req-404');
    await call('/broken', 'req-500');
    expect(requestLine('req-403')).toMatchObject({ level: 40, res: { statusCode: 403 } });
    expect(requestLine('req-404')).toMatchObject({ level: 40, res: { statusCode: 404 } });
    expect(requestLine('req-500')).toMatchObject({
      level: 50,
      res: { statusCode: 500 },
      msg: 'request errored',
    });
    // Nest's exception handler logs the cause with its stack, bound to the request.
    expect(
      lines.find((line) => line.context === 'ExceptionsHandler' && line.requestId === 'req-500'),
    ).toMatchObject({
      level: 50,
      err: { type: 'Error', message: 'wired wrong', stack: expect.stringMatching(/\n\s+at /) },
    });
  });

  it('leaves probes and scrapes out of the request log', async () => {
    expect((await call('/health/ready', 'req-health')).status).toBe(200);
    expect((await call('/metrics', 'req-metrics')).status).toBe(200);
    expect((await call('/metrics?name=x', 'req-metrics-query')).status).toBe(200);
    await call('/things/b', 'req-after-probes');
    expect(requestLine('req-after-probes')).toBeDefined();
    for (const requestId of ['req-health', 'req-metrics', 'req-metrics-query']) {
      expect(requestLine(requestId)).toBeUndefined();
    }
  });
});
