import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ContractRegistry, Operation } from '@o2c/contracts';
import { ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { buildApiCatalog, type CatalogApi } from './api-catalog.builder';
import { ContractReaderGuard } from './contract-reader.guard';
import { type PublishedContract, PublishedContracts } from './published-contracts';

@Controller()
export class ApiCatalogController {
  private readonly catalog: { apis: CatalogApi[] };

  constructor(
    registry: ContractRegistry,
    private readonly published: PublishedContracts,
  ) {
    // Contracts are fixed for the life of the process: build the catalog once.
    this.catalog = buildApiCatalog(registry.contracts, registry.governance);
  }

  @Get('catalog')
  @Operation('getApiCatalog')
  list() {
    return this.catalog;
  }

  @Get('contracts/:apiId/v:major.yaml')
  @Operation('getContractYaml')
  @UseGuards(ContractReaderGuard)
  yaml(
    @Param('apiId') apiId: string,
    @Param('major') major: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    const found = this.contract(apiId, major, reply);
    void reply.type('application/yaml; charset=utf-8');
    return found.yaml;
  }

  @Get('contracts/:apiId/v:major.json')
  @Operation('getContractJson')
  @UseGuards(ContractReaderGuard)
  json(
    @Param('apiId') apiId: string,
    @Param('major') major: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    const found = this.contract(apiId, major, reply);
    void reply.type('application/json; charset=utf-8');
    return found.json;
  }

  private contract(apiId: string, major: string, reply: FastifyReply): PublishedContract {
    const found = this.published.find(apiId, Number(major));
    if (!found) throw ProblemException.notFound('Contract', `${apiId} v${major}`);
    void reply.header('etag', found.etag);
    // Internal contracts were handed out on a token: shared caches must not keep them.
    void reply.header(
      'cache-control',
      found.audience === 'internal' ? 'private, no-cache' : 'public, max-age=300',
    );
    return found;
  }
}
