import { Writable } from 'node:stream';
import { ConsoleLogger, Logger } from '@nestjs/common';
import pino from 'pino';
import { PinoLoggerService } from './pino-logger.service';
import { requestLoggerStorage } from './request-logger.storage';

type Line = Record<string, unknown>;

function capture(level: pino.LevelWithSilent = 'trace') {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) {
        if (text) lines.push(JSON.parse(text) as Line);
      }
      done();
    },
  });
  const root = pino({ level }, destination);
  return { root, service: new PinoLoggerService(root), lines };
}

describe('PinoLoggerService', () => {
  afterEach(() => Logger.overrideLogger(new ConsoleLogger()));

  it('maps Nest levels to pino levels', () => {
    const { service, lines } = capture();
    service.verbose('v');
    service.debug('d');
    service.log('l');
    service.warn('w');
    service.error('e');
    service.fatal('f');
    expect(lines.map(({ level, msg }) => [level, msg])).toEqual([
      [10, 'v'],
      [20, 'd'],
      [30, 'l'],
      [40, 'w'],
      [50, 'e'],
      [60, 'f'],
    ]);
  });

  it('honours the configured level, silent included', () => {
    const warnOnly = capture('warn');
    warnOnly.service.log('dropped');
    warnOnly.service.debug('dropped');
    warnOnly.service.warn('kept');
    expect(warnOnly.lines.map(({ msg }) => msg)).toEqual(['kept']);

    const silent = capture('silent');
    silent.service.fatal('dropped');
    expect(silent.lines).toEqual([]);
  });

  it('writes the context a Nest Logger appends as `context`', () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    new Logger('Orders').log('order received');
    new Logger('Orders').error('order failed');
    Logger.warn('no context');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Orders', msg: 'order received' }),
      expect.objectContaining({ level: 50, context: 'Orders', msg: 'order failed' }),
      expect.objectContaining({ level: 40, msg: 'no context' }),
    ]);
    expect(lines[2]).not.toHaveProperty('context');
  });

  it('merges an object message into the line, next to the context', () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    new Logger('ApprovalRouting').warn({ ruleId: 'r-7', problem: 'bad' }, 'routing rule skipped');
    new Logger('Metrics').log({ scraped: 3 });
    expect(lines[0]).toMatchObject({
      level: 40,
      context: 'ApprovalRouting',
      ruleId: 'r-7',
      problem: 'bad',
      msg: 'routing rule skipped',
    });
    expect(lines[1]).toMatchObject({ level: 30, context: 'Metrics', scraped: 3 });
  });

  it('serializes `{ err }` with its type, message and stack', () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    const failure = new TypeError('socket closed');
    new Logger('Problem').error({ err: failure, requestId: 'r-1' }, 'request failed');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Problem',
      requestId: 'r-1',
      msg: 'request failed',
      err: { type: 'TypeError', message: 'socket closed', stack: failure.stack },
    });
  });

  it('logs an Error message under `err`, as Nest exception handlers call it', () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    const failure = new Error('boom');
    new Logger('ExceptionsHandler').error(failure);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ExceptionsHandler',
      err: { type: 'Error', message: 'boom', stack: failure.stack },
    });
  });

  it('keeps a stack passed as text after the message as the error stack', () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    const stack = 'Error: shutdown failed\n    at hook (app.js:1:1)';
    new Logger('NestApplicationContext').error('shutdown failed', stack);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'NestApplicationContext',
      err: { type: 'Error', message: 'shutdown failed', stack },
      msg: 'shutdown failed',
    });
    // Text that is not a stack stays a format argument.
    new Logger('Bootstrap').error('not a stack', 'plain text');
    expect(lines[1]).toMatchObject({ context: 'Bootstrap', msg: 'not a stack' });
    expect(lines[1]).not.toHaveProperty('err');
  });

  it('applies format arguments between the message and the context', () => {
    const { service, lines } = capture();
    service.log('%d order(s) released from %s', 3, 'ATL1', 'Allocation');
    expect(lines[0]).toMatchObject({
      context: 'Allocation',
      msg: '3 order(s) released from ATL1',
    });
  });

  it('writes through the logger bound to the current request', async () => {
    const { root, service, lines } = capture();
    Logger.overrideLogger(service);
    const logger = new Logger('Orders');
    const serve = (requestId: string, delay: number) =>
      requestLoggerStorage.run(root.child({ requestId }), async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.log(`served ${requestId}`);
      });
    await Promise.all([serve('r-slow', 20), serve('r-fast', 1)]);
    logger.log('between requests');
    expect(lines.map(({ requestId, msg }) => [requestId, msg])).toEqual([
      ['r-fast', 'served r-fast'],
      ['r-slow', 'served r-slow'],
      [undefined, 'between requests'],
    ]);
  });
});
