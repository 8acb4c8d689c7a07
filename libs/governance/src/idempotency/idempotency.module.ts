import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyLockRepository } from './idempotency-lock.repository';
import { IdempotencyRecordRepository } from './idempotency-record.repository';
import { IdempotencyStore } from './idempotency-store.service';

/**
 * Idempotency-Key on every operation whose contract declares `x-idempotency`. Imported by
 * GovernanceModule after AuditModule: its interceptor runs after contract validation and
 * inside the audit context, right around the handler.
 */
@Module({
  providers: [
    IdempotencyRecordRepository,
    IdempotencyLockRepository,
    IdempotencyStore,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
