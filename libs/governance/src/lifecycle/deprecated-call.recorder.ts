import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type DeprecatedCallEvent, DeprecatedCallTally } from './deprecated-call.tally';
import { DeprecatedCallsRepository } from './deprecated-calls.repository';

/** Often enough for an owner's report, rare enough to be one statement per few seconds. */
const FLUSH_INTERVAL_MS = 5_000;
/** Distinct (day, operation, consumer) keys held before an early write. */
const FLUSH_AT_KEYS = 1_000;

/** Counts deprecated calls in memory and adds them to deprecated_calls in the background. */
@Injectable()
export class DeprecatedCallRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DeprecatedCalls');
  private readonly tally = new DeprecatedCallTally();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly repository: DeprecatedCallsRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(event: DeprecatedCallEvent): void {
    this.tally.record(event);
    if (this.tally.size >= FLUSH_AT_KEYS) void this.flush();
  }

  /** Writes what is counted so far; writes never overlap and a failed one is retried later. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const counts = this.tally.drain();
    if (counts.length === 0) return;
    try {
      await this.repository.add(counts);
    } catch (error) {
      this.tally.restore(counts);
      this.logger.warn({ err: error }, 'deprecated-call counts not written; retrying later');
    }
  }
}
