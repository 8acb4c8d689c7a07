import { Injectable } from '@nestjs/common';
import type { ApiClient } from '@o2c/persistence';
import { ApiClientCredentialsVerifier } from '../api-clients/api-client-credentials.verifier';
import { TokenIssuer, type TokenRequest } from '../authentication/token-issuer.service';
import { clientCredentialsOf } from './client-authentication.parser';
import { OAuthError, OAuthErrorCode } from './oauth-error';
import { grantedScopes } from './requested-scope.policy';
import type { TokenRequestBody, TokenResponse } from './token-request.contract';

const CLIENT_CREDENTIALS = 'client_credentials';

/** The principal a client's token speaks as: a partner for its accounts, a warehouse system
 *  for its warehouses, a carrier for its SCAC. */
export function clientBinding(
  client: Pick<ApiClient, 'kind' | 'warehouseCodes' | 'carrierCode'>,
): Pick<TokenRequest, 'kind' | 'warehouseCodes' | 'carrierCode'> {
  switch (client.kind) {
    case 'warehouse':
      return { kind: 'warehouse_client', warehouseCodes: client.warehouseCodes };
    case 'carrier':
      return { kind: 'carrier_client', carrierCode: client.carrierCode ?? '' };
    case 'partner':
      return { kind: 'partner_client' };
  }
}

/**
 * RFC 6749 section 4.4: a partner's API client swaps its id and secret for a short-lived
 * access token bound to the client's accounts, scopes and rate-limit plan. Cheap checks come
 * first, so a malformed request costs no password hashing.
 */
@Injectable()
export class ClientCredentialsGrant {
  constructor(
    private readonly credentials: ApiClientCredentialsVerifier,
    private readonly issuer: TokenIssuer,
  ) {}

  async exchange(
    authorization: string | undefined,
    body: TokenRequestBody,
  ): Promise<TokenResponse> {
    if (!body.grant_type) {
      throw new OAuthError(OAuthErrorCode.INVALID_REQUEST, 'grant_type is required', [
        { path: '/body/grant_type', rule: 'required', message: 'grant_type is required' },
      ]);
    }
    if (body.grant_type !== CLIENT_CREDENTIALS) {
      throw new OAuthError(
        OAuthErrorCode.UNSUPPORTED_GRANT_TYPE,
        `grant_type ${body.grant_type} is not supported; use client_credentials`,
      );
    }
    const presented = clientCredentialsOf(authorization, body);
    const result = await this.credentials.authenticate(presented.clientId, presented.clientSecret);
    if (result.outcome === 'rejected') {
      // One answer for unknown clients and wrong secrets: nothing tells them apart.
      throw new OAuthError(OAuthErrorCode.INVALID_CLIENT, 'client authentication failed');
    }
    if (result.outcome === 'revoked') {
      throw new OAuthError(
        OAuthErrorCode.UNAUTHORIZED_CLIENT,
        `client ${presented.clientId} has been revoked`,
      );
    }
    const { client } = result;
    const scopes = grantedScopes(body.scope, client.scopes);
    const issued = this.issuer.issue({
      subject: client.clientId,
      scopes,
      customerIds: client.customerIds,
      plan: client.rateLimitPlan,
      clientId: client.clientId,
      ...clientBinding(client),
    });
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: issued.scope,
    };
  }
}
