import { Module } from '@nestjs/common';
import { JwtAuthenticationGuard } from '../authentication/jwt-authentication.guard';
import { ApiCatalogController } from './api-catalog.controller';
import { ContractReaderGuard } from './contract-reader.guard';
import { PublishedContracts } from './published-contracts';

/** GET /catalog and the contract files; the docs pages are set up by setupContractDocs. */
@Module({
  controllers: [ApiCatalogController],
  providers: [PublishedContracts, ContractReaderGuard, JwtAuthenticationGuard],
})
export class CatalogModule {}
