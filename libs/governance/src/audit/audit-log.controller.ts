import { Controller, Get, Query } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal } from '../principal/current-principal.decorator';
import type { Principal } from '../principal/principal';
import type { AuditLogFilter } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';

@Controller('governance/v1/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Operation('listAuditLog')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: AuditLogFilter) {
    return this.auditLog.list(principal, query);
  }
}
