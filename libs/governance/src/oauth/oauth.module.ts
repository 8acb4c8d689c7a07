import { Module } from '@nestjs/common';
import { ApiClientsModule } from '../api-clients/api-clients.module';
import { ClientCredentialsGrant } from './client-credentials.grant';
import { JwksController } from './jwks.controller';
import { OAuthTokenController } from './oauth-token.controller';

/** POST /oauth/token (client credentials) and GET /.well-known/jwks.json. TokenIssuer and
 *  JwtKeyStore come from the global GovernanceModule. */
@Module({
  imports: [ApiClientsModule],
  controllers: [OAuthTokenController, JwksController],
  providers: [ClientCredentialsGrant],
})
export class OAuthModule {}
