import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag, ProblemException } from '@o2c/http';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { assertRange } from '../shared/range.guard';
import type { CreateCreditMemoBody, ListCreditMemosQuery } from './credit-memo.contract';
import type { CreditMemoView } from './credit-memo.presenter';
import { CreditMemoReader } from './credit-memo.reader';
import { CreateCreditMemoUseCase } from './create-credit-memo.use-case';

const BASE = 'process/v1/credit-memos';

function withHeaders(reply: FastifyReply, memo: CreditMemoView, created = false): CreditMemoView {
  void reply.header('etag', entityTag(memo.version));
  if (created) void reply.header('location', `/${BASE}/${memo.id}`);
  return memo;
}

@Controller(BASE)
export class CreditMemosController {
  constructor(
    private readonly createMemo: CreateCreditMemoUseCase,
    private readonly reader: CreditMemoReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Operation('createCreditMemo')
  async create(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: CreateCreditMemoBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withHeaders(reply, await this.createMemo.execute(principal, body), true);
  }

  @Get()
  @Operation('listCreditMemos')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListCreditMemosQuery) {
    assertRange(query.issuedFrom, query.issuedTo, 'issuedFrom', 'issuedTo');
    return this.reader.list(accountScopeOf(principal), query);
  }

  @Get(':creditMemoId')
  @Operation('getCreditMemo')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('creditMemoId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const memo = await this.reader.findById(this.dataSource.manager, id, accountScopeOf(principal));
    if (!memo) throw ProblemException.notFound('credit memo', id);
    return withHeaders(reply, memo);
  }
}
