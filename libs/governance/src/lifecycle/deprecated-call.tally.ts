/** One call to an operation of a deprecated API. */
export interface DeprecatedCallEvent {
  apiId: string;
  apiMajor: number;
  operationId: string;
  /** principalKey of the caller, or 'anonymous'. */
  consumer: string;
  at: Date;
}

/** Calls per (UTC day, API, major, operation, consumer) since the last drain. */
export interface DeprecatedCallCount {
  day: string;
  apiId: string;
  apiMajor: number;
  operationId: string;
  consumer: string;
  calls: number;
  firstCallAt: Date;
  lastCallAt: Date;
}

/**
 * Counts calls in memory so the request path never waits on the database; the recorder drains
 * it into the table now and then, adding to what other gateway instances wrote.
 */
export class DeprecatedCallTally {
  private counts = new Map<string, DeprecatedCallCount>();

  get size(): number {
    return this.counts.size;
  }

  record(event: DeprecatedCallEvent): void {
    this.merge({
      day: event.at.toISOString().slice(0, 10),
      apiId: event.apiId,
      apiMajor: event.apiMajor,
      operationId: event.operationId,
      consumer: event.consumer,
      calls: 1,
      firstCallAt: event.at,
      lastCallAt: event.at,
    });
  }

  /** Hands over everything counted so far and starts afresh. */
  drain(): DeprecatedCallCount[] {
    const drained = [...this.counts.values()];
    this.counts = new Map();
    return drained;
  }

  /** Puts counts back after a failed write, so a database hiccup loses nothing. */
  restore(counts: readonly DeprecatedCallCount[]): void {
    counts.forEach((count) => this.merge({ ...count }));
  }

  private merge(count: DeprecatedCallCount): void {
    const key = JSON.stringify([
      count.day,
      count.apiId,
      count.apiMajor,
      count.operationId,
      count.consumer,
    ]);
    const existing = this.counts.get(key);
    if (!existing) {
      this.counts.set(key, count);
      return;
    }
    existing.calls += count.calls;
    if (count.firstCallAt < existing.firstCallAt) existing.firstCallAt = count.firstCallAt;
    if (count.lastCallAt > existing.lastCallAt) existing.lastCallAt = count.lastCallAt;
  }
}
