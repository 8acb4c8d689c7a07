import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric name starts with this. */
export const METRIC_PREFIX = 'o2c_';

/**
 * Node's default metrics (CPU, memory, event-loop lag, GC), collected once per process in a
 * registry of their own. prom-client's GC observer and event-loop monitor cannot be stopped:
 * collected into an application's registry, they would keep it, and through its metrics' collect
 * callbacks the application and its database pool, alive after the application closes.
 */
let runtime: Registry | undefined;

function runtimeMetrics(): Registry {
  if (runtime === undefined) {
    runtime = new Registry();
    collectDefaultMetrics({ register: runtime, prefix: METRIC_PREFIX });
  }
  return runtime;
}

/**
 * The application's own Prometheus registry (not prom-client's global one, so two apps in one
 * process never collide), showing the process's default metrics beside its own.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = Registry.merge([runtimeMetrics(), new Registry()]);

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
