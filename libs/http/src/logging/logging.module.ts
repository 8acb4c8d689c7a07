import {
  type DynamicModule,
  Global,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import type { Environment } from '@o2c/config';
import type { DestinationStream } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { httpLoggingOptions } from './http-logging.options';
import { PinoLoggerService, ROOT_LOGGER } from './pino-logger.service';
import { bindRequestLogger } from './request-logger.storage';

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured JSON logs: pino-http writes one line per request with its correlation id
 * (`requestId`), and `PinoLoggerService` (give it to `app.useLogger`) sends Nest's logs through
 * the same pino instance, bound to the request being served.
 */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  /** `destination` defaults to stdout; tests pass a stream to read the lines back. */
  static forRoot(
    environment: Pick<Environment, 'LOG_LEVEL'>,
    destination?: DestinationStream,
  ): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: HTTP_LOGGER,
          useFactory: () => pinoHttp(httpLoggingOptions(environment.LOG_LEVEL), destination),
        },
        {
          provide: ROOT_LOGGER,
          useFactory: (httpLogger: HttpLogger) => httpLogger.logger,
          inject: [HTTP_LOGGER],
        },
        PinoLoggerService,
      ],
      exports: [PinoLoggerService],
    };
  }

  constructor(@Inject(HTTP_LOGGER) private readonly httpLogger: HttpLogger) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(this.httpLogger, bindRequestLogger)
      // Fastify needs an explicit catch-all for the middleware to see every route.
      .forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
