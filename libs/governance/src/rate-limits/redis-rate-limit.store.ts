import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis, type RedisOptions } from 'ioredis';
import { type ThrottlerStorageRecord, toStorageRecord } from './fixed-window.counter';
import { WarningThrottle } from './warning-throttle';

/**
 * One hit on one fixed window, atomically: INCR, give a new counter its expiry (what
 * PEXPIRE NX does on Redis 7; written out so Redis 6 works too, and a counter that somehow lost
 * its expiry heals), and read the time left. Returns { hits, ms until reset }.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }
`;

type RedisWithHit = Redis & {
  rateLimitHit(key: string, windowMs: number): Promise<unknown>;
};

export interface RedisRateLimitStoreOptions {
  url: string;
  /** Prepended to every counter key (one prefix per deployment, or per test run). */
  keyPrefix: string;
  /** How long a counter update may take before the request goes through uncounted. */
  commandTimeoutMs?: number;
}

/**
 * Rate-limit counters in Redis, shared by every gateway instance, so a principal has one budget
 * however many instances serve it.
 *
 * Redis down or slow means fail open: commands are not queued while disconnected and time out
 * quickly, the error reaches RateLimitGuard, which lets the request through and logs a
 * warning. Availability of the APIs wins over exact limits during a Redis outage; it never
 * turns into 500s.
 */
export class RedisRateLimitStore implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly connectionWarnings = new WarningThrottle(this.logger, 30_000);
  private readonly redis: RedisWithHit;
  private down = false;
  private connecting = false;
  private connectError: Error | undefined;

  constructor(private readonly options: RedisRateLimitStoreOptions) {
    const redisOptions: RedisOptions & { disconnectTimeout: number } = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      // The windows of one request (burst + daily) travel in one round trip.
      enableAutoPipelining: true,
      // Untyped ioredis option (default 2 s): how long a closing socket may linger; a dead one
      // would otherwise hold shutdown for the full 2 s.
      disconnectTimeout: 200,
    };
    this.redis = new Redis(options.url, redisOptions) as RedisWithHit;
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis.on('error', (error: Error) => {
      this.down = true;
      if (this.connecting) {
        this.connectError = error; // connect() reports it, with the cause rather than "closed"
        return;
      }
      this.connectionWarnings.warn(
        'Redis for rate limits unavailable; requests pass uncounted',
        error,
      );
    });
    this.redis.on('ready', () => {
      if (this.down) this.logger.log('Redis for rate limits is back; counting again');
      this.down = false;
    });
  }

  /** Connects, waiting at most `timeoutMs`; start-up goes on without Redis (fail open) and
   *  ioredis keeps reconnecting in the background. */
  async connect(timeoutMs = 3_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    this.connecting = true;
    try {
      await Promise.race([this.redis.connect(), timeout]);
      return true;
    } catch (error) {
      this.down = true;
      const cause = this.connectError ?? error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.logger.warn(
        `Redis for rate limits unreachable at start-up (${reason}); requests pass uncounted until it answers`,
      );
      return false;
    } finally {
      this.connecting = false;
      clearTimeout(timer);
    }
  }

  /** `ttl` is the window length in ms (blockDuration unused, as in MemoryRateLimitStore). */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    const reply = await this.redis.rateLimitHit(`${this.options.keyPrefix}${key}`, ttl);
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error(`unexpected rate-limit script reply ${JSON.stringify(reply)}`);
    }
    return toStorageRecord(reply[0], reply[1], limit);
  }

  onApplicationShutdown(): void {
    // disconnect, not quit: nothing is worth waiting for, and it stops reconnect attempts.
    this.redis.disconnect();
  }
}
