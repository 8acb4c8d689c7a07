import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import {
  countHit,
  type FixedWindowCounter,
  isExpired,
  type ThrottlerStorageRecord,
  toStorageRecord,
} from './fixed-window.counter';

const SWEEP_EVERY_MS = 60_000;

/**
 * Rate-limit counters of one gateway instance: a Map of fixed-window counters. The throttler's
 * default store keeps a timestamp per hit and slowed down as hits piled up inside long windows
 * (STACK.md); here a hit is one Map lookup and one addition. Expired counters are swept
 * periodically so idle principals do not accumulate.
 */
export class MemoryRateLimitStore implements ThrottlerStorage, OnApplicationShutdown {
  private readonly counters = new Map<string, FixedWindowCounter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    // Read at every hit (not a reference taken at start) so that a held clock holds windows.
    private readonly now: () => number = () => Date.now(),
    sweepEveryMs = SWEEP_EVERY_MS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  /** `ttl` is the window length in ms; blockDuration is not used: a refused client waits for
   *  the window to reset, as with the Redis store. */
  increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const existing = this.counters.get(key);
    const counter = countHit(existing, now, ttl);
    if (counter !== existing) this.counters.set(key, counter);
    return Promise.resolve(toStorageRecord(counter.hits, counter.resetsAt - now, limit));
  }

  /** Drops expired counters; returns how many were dropped. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [key, counter] of this.counters) {
      if (isExpired(counter, now)) {
        this.counters.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.counters.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.counters.clear();
  }
}
