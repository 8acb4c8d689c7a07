import { Body, Controller, Header, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { ClientCredentialsGrant } from './client-credentials.grant';
import { OAuthErrorFilter } from './oauth-error.filter';
import type { TokenRequestBody, TokenResponse } from './token-request.contract';

@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthTokenController {
  constructor(private readonly grant: ClientCredentialsGrant) {}

  /** Tokens are credentials: RFC 6749 section 5.1 forbids caching them. */
  @Post('token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @Operation('issueAccessToken')
  token(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: TokenRequestBody,
  ): Promise<TokenResponse> {
    return this.grant.exchange(authorization, body);
  }
}
