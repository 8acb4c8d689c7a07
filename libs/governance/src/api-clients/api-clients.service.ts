import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { ContractRegistry } from '@o2c/contracts';
import { ApiErrorCode, type FieldError, type Page, ProblemException, toPage } from '@o2c/http';
import { ApiClient } from '@o2c/persistence';
import type { CreateApiClientBody, ListApiClientsQuery } from './api-client.contract';
import { type ApiClientView, presentApiClient } from './api-client.presenter';
import {
  CARRIER_CLIENT_ROLE,
  missingCustomerErrors,
  missingWarehouseErrors,
  PARTNER_CLIENT_ROLE,
  registrationViolations,
  WAREHOUSE_CLIENT_ROLE,
} from './api-client-registration.policy';
import { ApiClientRepository } from './api-client.repository';
import { generateClientSecret, hashClientSecret } from './client-secret.hasher';
import { previousSecretsValidUntil, rotateSecretHashes } from './secret-rotation.policy';

export interface RegisteredApiClientView extends ApiClientView {
  /** Shown once: only its hash is stored. */
  clientSecret: string;
}

export interface SecretRotationView {
  clientId: string;
  clientSecret: string;
  createdAt: string;
  previousSecretsValidUntil: string | null;
  version: number;
}

function rejected(code: ApiErrorCode, errors: FieldError[]): ProblemException {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ProblemException(code, `${first?.path} ${first?.message}${more}`, errors);
}

/** Partner OAuth clients: registration, secret rotation with overlap, revocation. The secret is
 *  hashed before the transaction opens (scrypt takes tens of milliseconds). */
@Injectable()
export class ApiClientsService {
  constructor(
    private readonly clients: ApiClientRepository,
    private readonly contracts: ContractRegistry,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  async create(body: CreateApiClientBody): Promise<RegisteredApiClientView> {
    const governance = this.contracts.governance;
    const violations = registrationViolations(body, {
      partnerScopes: governance.roles.get(PARTNER_CLIENT_ROLE) ?? [],
      warehouseScopes: governance.roles.get(WAREHOUSE_CLIENT_ROLE) ?? [],
      carrierScopes: governance.roles.get(CARRIER_CLIENT_ROLE) ?? [],
      plans: [...governance.plans.keys()],
    });
    if (violations.length > 0) throw rejected(ApiErrorCode.BUSINESS_RULE_VIOLATED, violations);
    const secret = generateClientSecret();
    const hash = await hashClientSecret(secret);
    return this.clients.transaction(async (manager) => {
      const existing = await this.clients.existingCustomerIds(manager, body.customerIds);
      const warehouses = body.warehouseCodes ?? [];
      const missing = [
        ...missingCustomerErrors(body.customerIds, existing),
        ...missingWarehouseErrors(
          warehouses,
          await this.clients.existingWarehouseCodes(manager, warehouses),
        ),
      ];
      if (missing.length > 0) throw rejected(ApiErrorCode.REFERENCE_NOT_FOUND, missing);
      const now = new Date();
      const client = manager.create(ApiClient, {
        clientId: `pc_${randomBytes(10).toString('hex')}`,
        name: body.name,
        scopes: [...new Set(body.scopes)],
        customerIds: [...new Set(body.customerIds)],
        rateLimitPlan: body.rateLimitPlan,
        kind: body.kind ?? 'partner',
        warehouseCodes: [...new Set(warehouses)],
        carrierCode: body.carrierCode ?? null,
        secretHashes: [{ hash, created_at: now.toISOString() }],
        status: 'active',
        revokedAt: null,
      });
      const saved = await manager.save(client);
      return { ...presentApiClient(saved, now), clientSecret: secret };
    });
  }

  async list(query: ListApiClientsQuery): Promise<Page<ApiClientView>> {
    const now = new Date();
    return toPage(
      await this.clients.findPage(query),
      query.limit,
      (client) => [client.name, client.clientId],
      (client) => presentApiClient(client, now),
    );
  }

  async get(clientId: string): Promise<ApiClientView> {
    const client = await this.clients.findByClientId(clientId);
    if (!client) throw ProblemException.notFound('api client', clientId);
    return presentApiClient(client, new Date());
  }

  /** A new secret; the previous ones keep working until now + CLIENT_SECRET_OVERLAP_HOURS so
   *  the partner can roll it out without downtime. Expired hashes are pruned here. */
  async rotateSecret(clientId: string): Promise<SecretRotationView> {
    const secret = generateClientSecret();
    const hash = await hashClientSecret(secret);
    return this.clients.transaction(async (manager) => {
      const client = await this.clients.lockByClientId(manager, clientId);
      if (!client) throw ProblemException.notFound('api client', clientId);
      if (client.status === 'revoked') {
        throw new ProblemException(
          ApiErrorCode.CONFLICT,
          `api client ${clientId} is revoked; register a new client instead`,
        );
      }
      const now = new Date();
      const previous = client.secretHashes;
      client.secretHashes = rotateSecretHashes(
        previous,
        hash,
        now,
        this.environment.CLIENT_SECRET_OVERLAP_HOURS,
      );
      const saved = await manager.save(client);
      return {
        clientId,
        clientSecret: secret,
        createdAt: now.toISOString(),
        previousSecretsValidUntil: previousSecretsValidUntil(saved.secretHashes.slice(0, -1), now),
        version: saved.version,
      };
    });
  }

  /** Idempotent: revoking a revoked client answers its current state. */
  revoke(clientId: string): Promise<ApiClientView> {
    return this.clients.transaction(async (manager) => {
      const client = await this.clients.lockByClientId(manager, clientId);
      if (!client) throw ProblemException.notFound('api client', clientId);
      const now = new Date();
      if (client.status !== 'revoked') {
        client.status = 'revoked';
        client.revokedAt = now;
        await manager.save(client);
      }
      return presentApiClient(client, now);
    });
  }
}
