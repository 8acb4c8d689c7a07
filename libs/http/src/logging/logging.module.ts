import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '@o2c/config';

/** Structured JSON logs; each request line carries its correlation id (reqId). */
@Module({})
export class LoggingModule {
  static forRoot(environment: Pick<Environment, 'LOG_LEVEL'>): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: environment.LOG_LEVEL,
            genReqId: (request) => (request as { id?: string }).id ?? '',
            // Every line logged while serving a request carries its correlation id at the top.
            customProps: (request) => ({ requestId: (request as { id?: string }).id }),
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie'],
              censor: '[redacted]',
            },
            // Probes and scrapes every few seconds would drown the request log. The middleware
            // sees `url` relative to its mount point; `originalUrl` is the request's own.
            autoLogging: {
              ignore: (request) =>
                /^\/(?:health\/|metrics(?:\?|$))/.test(
                  (request as { originalUrl?: string }).originalUrl ?? request.url ?? '',
                ),
            },
            customLogLevel: (_request, response, error) =>
              error || response.statusCode >= 500
                ? 'error'
                : response.statusCode >= 400
                  ? 'warn'
                  : 'info',
          },
          // Fastify needs an explicit catch-all for the middleware to see every route.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
