import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Environment } from '@o2c/config';
import { ContractRegistry } from '@o2c/contracts';
import { setupContractDocs } from '@o2c/governance';
import { PinoLoggerService, REQUEST_ID_HEADER, requestIdFor } from '@o2c/http';
import { GatewayModule } from './gateway.module';

export interface GatewayAppOptions {
  environment: Environment;
  databaseUrl: string;
  /** Last chance to add raw routes before Fastify seals its router (benchmarks use it). */
  beforeReady?: (app: NestFastifyApplication) => void;
}

/** Builds the gateway application (not yet listening); used by main.ts and the e2e suites. */
export async function createGatewayApp(
  options: GatewayAppOptions,
): Promise<NestFastifyApplication> {
  const { environment, databaseUrl } = options;
  const contracts = ContractRegistry.fromDirectory(environment.CONTRACTS_DIR);
  const adapter = new FastifyAdapter({
    bodyLimit: environment.BODY_LIMIT_BYTES,
    trustProxy: environment.TRUST_PROXY,
    genReqId: requestIdFor,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot({ environment, databaseUrl, contracts }),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoLoggerService));
  // Swagger UI per contract at /docs/<apiId>/v<major> (registers routes: before init).
  setupContractDocs(app, contracts);
  const fastify = app.getHttpAdapter().getInstance();
  // The APIs speak JSON only; anything else is 415, not a string body.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  await app.init();
  options.beforeReady?.(app);
  await fastify.ready();
  return app;
}
