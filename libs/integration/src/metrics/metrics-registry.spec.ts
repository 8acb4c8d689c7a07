import { Counter } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it("shows Node's default metrics beside the application's own", async () => {
    const metrics = new MetricsRegistry();
    const name = `${METRIC_PREFIX}registry_test_total`;
    metrics
      .metric(
        name,
        (registry) => new Counter({ name, help: 'A test counter', registers: [registry] }),
      )
      .inc();
    const text = await metrics.render();
    expect(text).toContain(`${name} 1`);
    expect(text).toContain(`${METRIC_PREFIX}process_cpu_user_seconds_total`);
    expect(text).toContain(`${METRIC_PREFIX}nodejs_gc_duration_seconds`);
    expect(text).toContain(`${METRIC_PREFIX}nodejs_eventloop_lag_seconds`);
  });

  it('gives each application its own registry, and no default metric holds on to one', () => {
    const first = new MetricsRegistry();
    const second = new MetricsRegistry();
    expect(first.registry).not.toBe(second.registry);
    for (const name of [
      `${METRIC_PREFIX}nodejs_gc_duration_seconds`,
      `${METRIC_PREFIX}nodejs_eventloop_lag_seconds`,
    ]) {
      const metric = first.registry.getSingleMetric(name) as unknown as { registers: unknown[] };
      expect(second.registry.getSingleMetric(name)).toBe(metric);
      expect(metric.registers).not.toContain(first.registry);
      expect(metric.registers).not.toContain(second.registry);
    }
  });
});
