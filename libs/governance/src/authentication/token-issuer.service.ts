import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { sign } from 'jsonwebtoken';
import type { PrincipalKind } from '../principal/principal';
import { SIGNING_KEY } from './authentication.tokens';
import type { SigningKey } from './signing-key';

export interface TokenRequest {
  subject: string;
  kind: PrincipalKind;
  scopes: readonly string[];
  customerIds?: readonly string[];
  roles?: readonly string[];
  plan?: string;
  clientId?: string;
  /** Warehouse clients: the warehouse codes they report for. */
  warehouseCodes?: readonly string[];
  /** Carrier clients: their SCAC. */
  carrierCode?: string;
  ttlSeconds?: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  scope: string;
}

/** Signs the gateway's own access tokens (ES256, typ at+jwt, short-lived). */
@Injectable()
export class TokenIssuer {
  constructor(
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  issue(request: TokenRequest): IssuedToken {
    const expiresIn = request.ttlSeconds ?? this.environment.ACCESS_TOKEN_TTL_SECONDS;
    const scope = [...new Set(request.scopes)].sort().join(' ');
    const accessToken = sign(
      {
        scope,
        o2c_kind: request.kind,
        ...(request.customerIds ? { o2c_customers: [...request.customerIds] } : {}),
        ...(request.roles?.length ? { roles: [...request.roles] } : {}),
        ...(request.plan ? { o2c_plan: request.plan } : {}),
        ...(request.warehouseCodes ? { o2c_warehouses: [...request.warehouseCodes] } : {}),
        ...(request.carrierCode ? { o2c_carrier: request.carrierCode } : {}),
        ...(request.clientId ? { client_id: request.clientId } : {}),
      },
      this.key.privateKey,
      {
        algorithm: 'ES256',
        keyid: this.key.kid,
        header: { alg: 'ES256', typ: 'at+jwt', kid: this.key.kid },
        subject: request.subject,
        issuer: this.environment.JWT_ISSUER,
        audience: this.environment.JWT_AUDIENCE,
        expiresIn,
        jwtid: randomUUID(),
      },
    );
    return { accessToken, expiresIn, scope };
  }
}
