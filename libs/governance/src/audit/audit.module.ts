import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditContextInterceptor } from './audit-context.interceptor';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { AuditSubscriber } from './audit.subscriber';
import { AuditedInserts } from './audited-inserts.service';
import { AuditTrail } from './audit-trail.service';

/** The audit trail of every authenticated write (DESIGN.md section 4) and its read API
 *  (GET /governance/v1/audit-log). Global so that repositories writing raw SQL can record
 *  their changes through AuditTrail. */
@Global()
@Module({
  controllers: [AuditLogController],
  providers: [
    AuditTrail,
    AuditedInserts,
    AuditSubscriber,
    AuditLogRepository,
    AuditLogService,
    { provide: APP_INTERCEPTOR, useClass: AuditContextInterceptor },
  ],
  exports: [AuditTrail, AuditedInserts],
})
export class AuditModule {}
