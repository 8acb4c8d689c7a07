import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { requiredPrincipal } from '../cash-principal';
import type { FilePaymentsQuery, ImportFileQuery } from '../cash.contract';
import { ImportRemittanceFileUseCase } from './import-remittance-file.use-case';
import { RemittanceFileReader } from './remittance-file.reader';
import { ResumeRemittanceFileUseCase } from './resume-remittance-file.use-case';

@Controller('process/v1/remittance-files')
export class RemittanceFilesController {
  constructor(
    private readonly importFile: ImportRemittanceFileUseCase,
    private readonly reader: RemittanceFileReader,
    private readonly resumeFile: ResumeRemittanceFileUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation('importRemittanceFile')
  async import(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ImportFileQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.importFile.execute(requiredPrincipal(principal), query, body);
    void reply.header('location', `/process/v1/remittance-files/${file.id}`);
    return file;
  }

  @Get(':fileId')
  @Operation('getRemittanceFile')
  get(@CurrentPrincipal() principal: Principal | undefined, @Param('fileId') id: string) {
    const who = requiredPrincipal(principal);
    return this.reader.get(who, accountScopeOf(who), id);
  }

  @Post(':fileId/resume')
  @HttpCode(202)
  @Operation('resumeRemittanceFile')
  resume(@CurrentPrincipal() principal: Principal | undefined, @Param('fileId') id: string) {
    return this.resumeFile.execute(requiredPrincipal(principal), id);
  }

  @Get(':fileId/payments')
  @Operation('listRemittanceFilePayments')
  payments(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('fileId') id: string,
    @Query() query: FilePaymentsQuery,
  ) {
    const who = requiredPrincipal(principal);
    return this.reader.payments(who, accountScopeOf(who), id, query);
  }
}
