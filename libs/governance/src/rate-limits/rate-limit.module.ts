import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ThrottlerModule,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisRateLimitStore } from './redis-rate-limit.store';

/** Counters in Redis when REDIS_URL is set (one budget across instances), else in memory. */
export async function createRateLimitStore(
  environment: Pick<Environment, 'REDIS_URL' | 'RATE_LIMIT_REDIS_PREFIX'>,
): Promise<ThrottlerStorage> {
  const logger = new Logger('RateLimit');
  if (!environment.REDIS_URL) {
    logger.log('rate-limit counters in memory (this instance only)');
    return new MemoryRateLimitStore();
  }
  const store = new RedisRateLimitStore({
    url: environment.REDIS_URL,
    keyPrefix: environment.RATE_LIMIT_REDIS_PREFIX,
  });
  if (await store.connect()) logger.log('rate-limit counters in Redis (shared by all instances)');
  return store;
}

/**
 * Rate limits from the contracts (x-rate-limit and governance.yaml plans). Imported by
 * GovernanceModule after it registers OperationPolicyGuard, so RateLimitGuard runs second.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ENVIRONMENT],
      useFactory: async (environment: Environment): Promise<ThrottlerModuleOptions> => ({
        throttlers: [],
        storage: await createRateLimitStore(environment),
        setHeaders: false,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
