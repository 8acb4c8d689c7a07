import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric name starts with this. */
export const METRIC_PREFIX = 'o2c_';

/**
 * The process's own Prometheus registry (not prom-client's global one, so two apps in one test
 * process never collide), with Node's default metrics: CPU, memory, event-loop lag, GC.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  /** Existing metric of that name, or the one `create` registers (providers may be built twice
   *  in one registry, e.g. by two modules of a test). */
  metric<T>(name: string, create: (registry: Registry) => T): T {
    return (this.registry.getSingleMetric(name) as T | undefined) ?? create(this.registry);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
