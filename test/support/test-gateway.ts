import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnvironment } from '@o2c/config';
import { ContractRegistry } from '@o2c/contracts';
import { type TokenRequest, TokenIssuer } from '@o2c/governance';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import request from 'supertest';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestGateway {
  app: NestFastifyApplication;
  server: Server;
  database: TestDatabase;
  contracts: ContractRegistry;
  /** Requests as an internal administrator holding every scope of the catalogue. */
  http(): ReturnType<typeof request.agent>;
  /** Requests without a token. */
  anonymous(): ReturnType<typeof request>;
  /** Requests with a token for this principal. */
  as(token: TokenRequest | string): ReturnType<typeof request.agent>;
  token(token: TokenRequest): string;
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
    JWT_SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'o2c-test-keys-')), 'signing-key.pem'),
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
  const issuer = app.get(TokenIssuer);
  const token = (claims: TokenRequest) => issuer.issue(claims).accessToken;
  const as = (principal: TokenRequest | string) =>
    request
      .agent(server)
      .set(
        'authorization',
        `Bearer ${typeof principal === 'string' ? principal : token(principal)}`,
      );
  const administrator: TokenRequest = {
    subject: 'test-admin',
    kind: 'internal',
    roles: ['admin'],
    scopes: [...contracts.governance.scopes.keys()],
  };
  return {
    app,
    server,
    database,
    contracts,
    http: () => as(administrator),
    anonymous: () => request(server),
    as,
    token,
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
