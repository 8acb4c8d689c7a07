import { Module } from '@nestjs/common';
import { ApiClientCredentialsVerifier } from './api-client-credentials.verifier';
import { ApiClientRepository } from './api-client.repository';
import { ApiClientsController } from './api-clients.controller';
import { ApiClientsService } from './api-clients.service';

/** /governance/v1/api-clients: partner OAuth clients (owner: platform team). */
@Module({
  controllers: [ApiClientsController],
  providers: [ApiClientRepository, ApiClientsService, ApiClientCredentialsVerifier],
  exports: [ApiClientCredentialsVerifier],
})
export class ApiClientsModule {}
