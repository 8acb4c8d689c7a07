import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadEnvironment } from '@o2c/config';
import type { Principal } from '@o2c/governance';
import { CustomersController } from '@o2c/system-api';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { limitHeapGrowth } from '../../apps/gateway/src/heap-growth';

/**
 * The gateway as `npm start` builds it, plus one route that calls the same handler with the
 * pipeline bypassed (no authentication, scopes, rate limit, contract validation, audit).
 * pipeline.bench.ts runs it in its own process so the load generator does not share its CPU.
 */
const BARE_PRINCIPAL: Principal = {
  kind: 'internal',
  subject: 'bench',
  scopes: new Set(),
  roles: [],
  customerIds: 'all',
};

async function main(): Promise<void> {
  // As main.ts does: the bench measures the gateway as it runs.
  limitHeapGrowth();
  const environment = loadEnvironment();
  if (!environment.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const app = await createGatewayApp({
    environment,
    databaseUrl: environment.DATABASE_URL,
    beforeReady: (nest) => {
      const controller = nest.get(CustomersController);
      nest
        .getHttpAdapter()
        .getInstance()
        .get<{ Params: { customerId: string } }>(
          '/bench/bare/customers/:customerId',
          (request, reply) => controller.get(BARE_PRINCIPAL, request.params.customerId, reply),
        );
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`READY ${port}\n`);
  // A clean exit lets --cpu-prof (BENCH_CPU_PROFILE) write its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
