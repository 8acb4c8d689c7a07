import { Controller, Get, Header } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';

/** Prometheus scrape endpoint: operational, like /health, so outside the API contracts. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
