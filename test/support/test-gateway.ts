import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnvironment } from '@o2c/config';
import { ContractRegistry } from '@o2c/contracts';
import type { Server } from 'node:http';
import type { Response } from 'supertest';
import request from 'supertest';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestGateway {
  app: NestFastifyApplication;
  server: Server;
  database: TestDatabase;
  contracts: ContractRegistry;
  http(): ReturnType<typeof request>;
  /** Fails the test when the response does not match the operation's contract. */
  expectContract(operationId: string, response: Response): Response;
  close(): Promise<void>;
}

/** A gateway on its own database (copied from the migrated template), no demo data. */
export async function startTestGateway(
  variables: Record<string, string> = {},
): Promise<TestGateway> {
  const database = await createTestDatabase();
  const environment = loadEnvironment({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    DATABASE_POOL_SIZE: '4',
    ...variables,
  });
  const app = await createGatewayApp({ environment, databaseUrl: database.url }).catch(
    async (error: unknown) => {
      await database.drop();
      throw error;
    },
  );
  const server: Server = app.getHttpServer();
  const contracts = app.get(ContractRegistry);
  return {
    app,
    server,
    database,
    contracts,
    http: () => request(server),
    expectContract(operationId, response) {
      const body: unknown = response.body;
      const errors = contracts.validateResponse(operationId, response.status, body);
      if (errors.length > 0) {
        throw new Error(
          `${operationId} answered ${response.status} off-contract:\n${JSON.stringify(errors, null, 2)}\n${JSON.stringify(body, null, 2)}`,
        );
      }
      return response;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
