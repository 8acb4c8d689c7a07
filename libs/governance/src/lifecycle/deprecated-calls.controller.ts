import { Controller, Get, Query } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { DeprecatedCallsFilter } from './deprecated-calls.repository';
import { DeprecatedCallsService } from './deprecated-calls.service';

@Controller('governance/v1/deprecated-calls')
export class DeprecatedCallsController {
  constructor(private readonly deprecatedCalls: DeprecatedCallsService) {}

  @Get()
  @Operation('listDeprecatedCalls')
  list(@Query() query: DeprecatedCallsFilter) {
    return this.deprecatedCalls.list(query);
  }
}
